package io.ambar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher (src/main/launcher/ambar) picks the JIT by what the command is: the quick compiler alone for a query,
 * an action or a run of a small feed, both compilers for a long run. Run with a stand-in {@code java} that prints
 * its arguments.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTests {

	private static final String QUICK = "-XX:TieredStopAtLevel=1";

	@TempDir
	Path dir;

	Path javaHome;

	@BeforeEach
	void standInJava() throws IOException {
		this.javaHome = this.dir.resolve("jdk");
		Path java = Files.createDirectories(this.javaHome.resolve("bin")).resolve("java");
		Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@Test
	void aQueryAndARunOfASmallFeedUseTheQuickCompilerAlone() throws Exception {
		Path small = Files.writeString(this.dir.resolve("small.csv"), "sku,quantity\nA-1,5\n");
		assertThat(launch("executions")).contains(QUICK).endsWith("executions");
		assertThat(launch("run", "stock-update", "file=" + small)).contains(QUICK)
			.endsWith("run stock-update file=" + small);
		Path smallGzipped = Files.write(this.dir.resolve("small.csv.gz"), new byte[50 << 10]);
		assertThat(launch("run", "stock-update", "file=" + smallGzipped)).contains(QUICK);
	}

	@Test
	void aRunOfALargeFeedARestartAndTheServerUseBoth() throws Exception {
		Path large = this.dir.resolve("large.csv");
		Files.write(large, new byte[2 << 20]);
		assertThat(launch("run", "stock-update", "file=" + large)).doesNotContain(QUICK);
		// compressed, a fifth of a megabyte holds about two megabytes of lines
		Path gzipped = this.dir.resolve("feed.csv.gz");
		Files.write(gzipped, new byte[200 << 10]);
		assertThat(launch("run", "stock-update", "file=" + gzipped)).doesNotContain(QUICK);
		assertThat(launch("run", "cache-warm")).doesNotContain(QUICK);
		assertThat(launch("restart", "7")).doesNotContain(QUICK);
		assertThat(launch("server")).doesNotContain(QUICK);
	}

	@Test
	void aFeedThatIsNotThereIsLeftToTheRunToReport() throws Exception {
		assertThat(launch("run", "stock-update", "file=" + this.dir.resolve("missing.csv"))).doesNotContain(QUICK)
			.contains("file=" + this.dir.resolve("missing.csv"));
	}

	private String launch(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("sh", Path.of("src/main/launcher/ambar").toAbsolutePath().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("JAVA_HOME", this.javaHome.toString());
		builder.environment().remove("JAVA_OPTS");
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out;
	}

}
