package io.ambar.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The monitoring stack's files as their own tools check them: {@code promtool check config} and {@code check rules},
 * the alert rules' unit tests ({@code promtool test rules}, among them a nightly run missed without any failure),
 * and {@code docker-compose config}. Each is skipped, saying so, where its tool is not installed ({@code .ci/run}
 * installs Debian's prometheus and docker-compose packages, so CI runs them all).
 */
class MonitoringFilesTests {

	@Test
	void prometheusConfigurationIsValid() throws Exception {
		assertPasses(MonitoringFiles.PROMETHEUS, "promtool", "check", "config", "prometheus.yml");
	}

	@Test
	void alertRulesAreValid() throws Exception {
		assertPasses(MonitoringFiles.PROMETHEUS, "promtool", "check", "rules", "ambar-alerts.yml");
	}

	@Test
	void alertRulesPassTheirUnitTests() throws Exception {
		String output = assertPasses(MonitoringFiles.PROMETHEUS, "promtool", "test", "rules", "ambar-alerts-test.yml");
		assertThat(output).contains("SUCCESS");
	}

	@Test
	void composeFileParses() throws Exception {
		assertPasses(Path.of("."), "docker-compose", "-f", "docker-compose.yml", "config", "-q");
	}

	@Test
	void extractsTheMetricNamesOfAnExpression() {
		assertThat(MonitoringFiles.metricNames("""
				sum by (job) (increase(ambar_items_rejected_total{reason="x{y}", job!~"a|b"}[1h]))
				  / on (job) group_left (schedule) max(up{job="ambar"} offset 5m) > 2 * 0.5e3 and time() > 1""")).
			containsExactly("ambar_items_rejected_total", "up");
	}

	private static String assertPasses(Path dir, String... command) throws IOException, InterruptedException {
		assumeTrue(installed(command[0]), command[0] + " is not installed (apt-get install "
				+ (command[0].equals("promtool") ? "prometheus" : command[0]) + "): not checked here");
		List<String> line = new ArrayList<>(List.of(command));
		Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
		return output;
	}

	private static boolean installed(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Path.of(dir, tool).toFile().canExecute()) {
				return true;
			}
		}
		return false;
	}

}
