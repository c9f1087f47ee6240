package io.ambar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prepared start picks the JIT by what the command is: the quick compiler alone for a query, an action or a run
 * of a small feed, both compilers for a long run. Run from classes, not the nested jar, nothing starts a child.
 */
class PreparedStartTests {

	private static final String QUICK = "-XX:TieredStopAtLevel=1";

	@TempDir
	Path dir;

	@Test
	void aQueryAndARunOfASmallFeedUseTheQuickCompilerAlone() throws IOException {
		Path small = Files.writeString(this.dir.resolve("small.csv"), "sku,quantity\nA-1,5\n");
		assertThat(PreparedStart.jvmOptions(args("executions"))).containsExactly(QUICK);
		assertThat(PreparedStart.jvmOptions(args())).containsExactly(QUICK);
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + small))).containsExactly(QUICK);
		Path smallGzipped = Files.write(this.dir.resolve("small.csv.gz"), new byte[50 << 10]);
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + smallGzipped))).containsExactly(QUICK);
	}

	@Test
	void aRunOfALargeFeedARestartAndTheServerUseBoth() throws IOException {
		Path large = Files.write(this.dir.resolve("large.csv"), new byte[2 << 20]);
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + large))).isEmpty();
		// compressed, a fifth of a megabyte holds about two megabytes of lines
		Path gzipped = Files.write(this.dir.resolve("feed.csv.gz"), new byte[200 << 10]);
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + gzipped))).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("run", "cache-warm"))).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("restart", "7"))).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("server"))).isEmpty();
		assertThat(PreparedStart.jvmOptions(args("bench"))).isEmpty();
	}

	@Test
	void aFeedThatIsNotThereIsLeftToTheRunToReport() {
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + this.dir.resolve("missing.csv"))))
			.isEmpty();
		assertThat(PreparedStart.jvmOptions(args("run", "stock-update", "file=" + this.dir))).isEmpty();
	}

	@Test
	void fromClassesTheCommandRunsInThisJvm() {
		assertThat(PreparedStart.run(args("executions"))).isEmpty();
	}

	private static String[] args(String... args) {
		return args;
	}

}
