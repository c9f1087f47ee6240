package io.ambar.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ambar.PreparedStart;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Runs Ambar's jar and psql as fresh processes on the bench's database, as a cron entry or an operator
 * at a terminal runs them, and times each whole, from the fork to the exit.
 * <p>
 * Each child gets the database as {@code SPRING_DATASOURCE_*} (psql as {@code -h -p -U -d} and {@code PGPASSWORD}),
 * and none of the caller's {@code AMBAR_SERVER}/{@code AMBAR_USER}/{@code AMBAR_PASSWORD}, so a command works on the
 * database unless told otherwise. Output goes to files under {@code dir/processes}, not through pipes the bench would
 * have to drain.
 */
final class FreshProcesses {

	// jdbc:postgresql://host[:port]/database[?parameters]; psql takes one host only
	private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:,]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

	private final String url;

	private final @Nullable String user;

	private final @Nullable String password;

	private final @Nullable Path jar;

	private final Path logs;

	private final AtomicInteger count = new AtomicInteger();

	FreshProcesses(Environment environment, @Nullable Path jar, Path dir) {
		this.url = environment.getRequiredProperty("spring.datasource.url");
		this.user = environment.getProperty("spring.datasource.username");
		this.password = environment.getProperty("spring.datasource.password");
		this.jar = jar;
		this.logs = dir.resolve("processes");
	}

	/**
	 * The jar to start: {@code jar=} if given, else the one this JVM was started with ({@code java -jar}: this JVM
	 * may be the child it started from the prepared layout), else {@code target/ambar.jar} if built; null when there
	 * is none (in the tests, run from classes).
	 */
	static @Nullable Path jar(@Nullable Path given) {
		if (given != null) {
			return given;
		}
		String startedWith = System.getProperty(PreparedStart.JAR);
		if (startedWith != null) {
			return Path.of(startedWith);
		}
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return Path.of(classPath).toAbsolutePath();
		}
		Path built = Path.of("target", "ambar.jar").toAbsolutePath();
		return Files.isRegularFile(built) ? built : null;
	}

	/** Why Ambar cannot be started as a process, or null when it can. */
	@Nullable String jarMissing() {
		if (this.jar == null) {
			return "no jar to start (run from `java -jar target/ambar.jar`, or give jar=PATH)";
		}
		return Files.isRegularFile(this.jar) ? null : "no jar at " + this.jar;
	}

	/** Why psql cannot run, or null when it can: it must be on the PATH, and the database URL one psql understands. */
	@Nullable String psqlMissing() {
		if (psqlOnPath().isEmpty()) {
			return "psql not on the PATH";
		}
		return URL.matcher(this.url).matches() ? null : "psql cannot reach " + this.url;
	}

	/**
	 * {@code java -jar <jar> args...}, to its end; {@code nested}: with the prepared start off, from the jar's nested
	 * jars. @return its wall time in nanoseconds
	 */
	long ambar(boolean nested, List<String> args) throws Exception {
		return time(javaJar(nested, args), Map.of());
	}

	/** An operator command against a running server, with the user's password in the environment, not the command. */
	long client(boolean nested, List<String> args, String operatorPassword) throws Exception {
		return time(javaJar(nested, args), Map.of("AMBAR_PASSWORD", operatorPassword));
	}

	/** {@code psql -f script} on the bench's database; @return its wall time in nanoseconds */
	long psqlScript(String script) throws Exception {
		Path file = this.logs.resolve("script-" + this.count.incrementAndGet() + ".sql");
		Files.createDirectories(this.logs);
		Files.writeString(file, script);
		List<String> command = psql();
		command.addAll(List.of("-f", file.toString()));
		return time(command, Map.of());
	}

	/** {@code psql -c 'SELECT 1'}: what psql's start-up and connection cost. */
	long psqlSelectOne() throws Exception {
		List<String> command = psql();
		command.addAll(List.of("-c", "SELECT 1"));
		return time(command, Map.of());
	}

	/** Starts {@code java -jar <jar> args...} without waiting, its output to a file. */
	Process start(List<String> args, Map<String, String> environment) throws IOException {
		return builder(javaJar(false, args), environment).start();
	}

	private List<String> javaJar(boolean nested, List<String> args) {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = new ArrayList<>(List.of(java));
		if (nested) {
			command.add("-D" + PreparedStart.SWITCH + "=false");
		}
		command.addAll(List.of("-jar", String.valueOf(this.jar)));
		command.addAll(args);
		return command;
	}

	private List<String> psql() {
		Matcher parts = URL.matcher(this.url);
		if (!parts.matches()) {
			throw new IllegalStateException("psql cannot reach " + this.url);
		}
		List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", parts.group(1),
				"-p", (parts.group(2) != null) ? parts.group(2) : "5432", "-d", parts.group(3)));
		if (this.user != null) {
			command.addAll(List.of("-U", this.user));
		}
		return command;
	}

	private long time(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = builder(command, environment);
		long started = System.nanoTime();
		Process process = builder.start();
		if (!process.waitFor(2, TimeUnit.HOURS)) {
			process.destroyForcibly();
			throw new IllegalStateException("still running after 2 hours: " + String.join(" ", command));
		}
		long nanos = System.nanoTime() - started;
		Path out = builder.redirectOutput().file().toPath();
		Path err = builder.redirectError().file().toPath();
		if (process.exitValue() != 0) {
			throw new IllegalStateException("exit " + process.exitValue() + ": " + lastLine(err) + " (see " + err + ")");
		}
		// only a failure's output is worth keeping
		Files.deleteIfExists(out);
		Files.deleteIfExists(err);
		return nanos;
	}

	private ProcessBuilder builder(List<String> command, Map<String, String> environment) throws IOException {
		Files.createDirectories(this.logs);
		String name = "process-" + this.count.incrementAndGet();
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectOutput(this.logs.resolve(name + ".out").toFile())
			.redirectError(this.logs.resolve(name + ".err").toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(key -> key.startsWith("AMBAR_SERVER") || key.equals("AMBAR_USER")
				|| key.equals("AMBAR_PASSWORD") || key.startsWith("SPRING_DATASOURCE_") || key.startsWith("PG"));
		env.put("SPRING_DATASOURCE_URL", this.url);
		if (this.user != null) {
			env.put("SPRING_DATASOURCE_USERNAME", this.user);
		}
		if (this.password != null) {
			env.put("SPRING_DATASOURCE_PASSWORD", this.password);
			env.put("PGPASSWORD", this.password);
		}
		env.putAll(environment);
		return builder;
	}

	private static Optional<Path> psqlOnPath() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "psql"))) {
				return Optional.of(Path.of(directory, "psql"));
			}
		}
		return Optional.empty();
	}

	private static String lastLine(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (int i = lines.size() - 1; i >= 0; i--) {
				if (!lines.get(i).isBlank()) {
					return lines.get(i).strip();
				}
			}
			return "(no output on stderr)";
		}
		catch (IOException ex) {
			return "(" + ex.getMessage() + ")";
		}
	}

}
