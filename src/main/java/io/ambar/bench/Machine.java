package io.ambar.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the bench ran, for the report: cores, JVM, heap limit, the PostgreSQL server and its durability settings,
 * and the command line.
 */
record Machine(int cores, String jvm, long maxHeapMegabytes, String postgres, String commandLine) {

	static Machine describe(JdbcTemplate jdbc, List<String> args) {
		String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
		String postgres = "PostgreSQL " + jdbc.queryForObject("SHOW server_version", String.class) + ", database "
				+ jdbc.queryForObject("SELECT current_database() || coalesce(' at ' || host(inet_server_addr()) || ':'"
						+ " || inet_server_port(), ' (local socket)')", String.class)
				+ " (fsync="
				+ jdbc.queryForObject("SHOW fsync", String.class) + ", synchronous_commit="
				+ jdbc.queryForObject("SHOW synchronous_commit", String.class) + ", shared_buffers="
				+ jdbc.queryForObject("SHOW shared_buffers", String.class) + ")";
		return new Machine(Runtime.getRuntime().availableProcessors(), jvm, Runtime.getRuntime().maxMemory() >> 20,
				postgres, commandLine(args));
	}

	/** The command as typed when the JVM was started by {@code java -jar}; otherwise the bench arguments alone. */
	private static String commandLine(List<String> args) {
		String command = System.getProperty("sun.java.command", "");
		if (!command.contains(".jar")) {
			return "bench " + String.join(" ", args);
		}
		List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
		return "java " + (jvmArgs.isEmpty() ? "" : String.join(" ", jvmArgs) + " ") + "-jar " + command;
	}

}
