package io.ambar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prepared start picks the JIT by what the command is: the quick compiler alone for a query, an action or a run
 * of a small feed, both compilers for a long run. Run from classes, not the nested jar, nothing starts a child.
 */
class PreparedStartTests {

	private static final String QUICK = "-XX:TieredStopAtLevel=1";

	private static final String PARALLEL = "-XX:+UseParallelGC";

	@TempDir
	Path dir;

	@Test
	void aQueryAndARunOfASmallFeedUseTheQuickCompilerAlone() throws IOException {
		Path small = Files.writeString(this.dir.resolve("small.csv"), "sku,quantity\nA-1,5\n");
		assertThat(options(args("executions"))).containsExactly(QUICK);
		assertThat(options(args())).containsExactly(QUICK);
		assertThat(options(args("run", "stock-update", "file=" + small))).containsExactly(QUICK);
		Path smallGzipped = Files.write(this.dir.resolve("small.csv.gz"), new byte[50 << 10]);
		assertThat(options(args("run", "stock-update", "file=" + smallGzipped))).containsExactly(QUICK);
	}

	@Test
	void aRunOfALargeFeedARestartAndTheServerUseBoth() throws IOException {
		Path large = Files.write(this.dir.resolve("large.csv"), new byte[2 << 20]);
		assertThat(options(args("run", "stock-update", "file=" + large))).isEmpty();
		// compressed, a fifth of a megabyte holds about two megabytes of lines
		Path gzipped = Files.write(this.dir.resolve("feed.csv.gz"), new byte[200 << 10]);
		assertThat(options(args("run", "stock-update", "file=" + gzipped))).isEmpty();
		assertThat(options(args("run", "cache-warm"))).isEmpty();
		assertThat(options(args("restart", "7"))).isEmpty();
		assertThat(options(args("server"))).isEmpty();
		assertThat(options(args("bench"))).isEmpty();
	}

	@Test
	void aLongOneShotCommandGetsTheCompilerDirectivesTheServerAndTheBenchDoNot() throws IOException {
		Path directives = this.dir.resolve("compiler-directives.json");
		Path large = Files.write(this.dir.resolve("large.csv"), new byte[2 << 20]);
		String added = "-D" + PreparedStart.DIRECTIVES + "=" + directives;
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + large), true, directives))
			.containsExactly(added);
		assertThat(PreparedStart.jvmOptions(args("restart", "7"), true, directives)).containsExactly(added);
		assertThat(PreparedStart.jvmOptions(args("executions"), true, directives)).containsExactly(QUICK);
		assertThat(PreparedStart.jvmOptions(args("server"), true, directives)).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("bench"), true, directives)).isEmpty();
	}

	@Test
	void aFeedThatIsNotThereIsLeftToTheRunToReport() {
		assertThat(options(args("run", "stock-update", "file=" + this.dir.resolve("missing.csv"))))
			.isEmpty();
		assertThat(options(args("run", "stock-update", "file=" + this.dir))).isEmpty();
	}

	@Test
	void fromClassesTheCommandRunsInThisJvm() {
		assertThat(PreparedStart.run(args("executions"))).isEmpty();
	}

	@Test
	void everyCommandButTheServerAndTheBenchGetsTheThroughputCollectorUnlessTheUserChoseOne() {
		assertThat(PreparedStart.jvmOptions(args("run", "cache-warm"), false, null)).containsExactly(PARALLEL);
		assertThat(PreparedStart.jvmOptions(args("executions"), false, null)).containsExactly(QUICK, PARALLEL);
		assertThat(PreparedStart.jvmOptions(args("restart", "7"), false, null)).containsExactly(PARALLEL);
		assertThat(PreparedStart.jvmOptions(args("server"), false, null)).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("bench"), false, null)).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("run", "cache-warm"), true, null)).isEmpty();
		assertThat(PreparedStart.choosesCollector(List.of("-Xmx256m", "-XX:+UseG1GC"))).isTrue();
		assertThat(PreparedStart.choosesCollector(List.of("-XX:+UseZGC"))).isTrue();
		assertThat(PreparedStart.choosesCollector(List.of("-Xmx256m", "-XX:+PrintGCDetails", "-Dgc=x"))).isFalse();
	}

	// the JIT the command gets, whatever the collector
	private static List<String> options(String[] args) {
		return PreparedStart.jvmOptions(args, true, null);
	}

	private static String[] args(String... args) {
		return args;
	}

}
