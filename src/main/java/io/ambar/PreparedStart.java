package io.ambar;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * {@code java -jar target/ambar.jar <command>} hands the command to a child JVM started from the layout the build
 * prepared next to the jar ({@code target/ambar}: the same classes extracted, with a class data sharing archive
 * trained on them), and waits for it; when that layout is missing or from another build, the command runs in this
 * JVM as before.
 * <p>
 * Why a second JVM: a JVM cannot share classes loaded from the jar's nested jars, and on JDK 17 the manifest cannot
 * name an archive or choose the JIT; only a command line can. Measured on 2 cores: `executions` 4.4 s from the
 * nested jar, 1.5 s from the prepared layout. The parent loads a handful of classes and only waits: the build makes
 * this class the jar's {@code Main-Class}, ahead of Spring Boot's launcher, which it calls when there is no layout.
 * <p>
 * The child inherits the terminal and the environment, and gets the parent's JVM options after its own, so the
 * user's win. Its exit code is the parent's. A SIGTERM or Ctrl-C to the parent reaches the child, whose own
 * shutdown stops its job as usual, and the parent exits when it has; a parent killed outright (SIGKILL) takes the
 * child with it the same way. {@code -Dambar.prepared-start=false} runs the command in this JVM.
 */
public final class PreparedStart {

	/** {@code -Dambar.prepared-start=false}: run the command in the JVM {@code java -jar} started. */
	public static final String SWITCH = "ambar.prepared-start";

	/**
	 * Set on the child: the jar {@code java -jar} was given, whose prepared layout it runs from (the benchmark
	 * starts that jar again). A JVM that has it ends with its parent.
	 */
	public static final String JAR = "ambar.prepared-start.jar";

	/** Set on the child of a long one-shot command: the compiler directives file it adds at its start. */
	public static final String DIRECTIVES = "ambar.prepared-start.directives";

	// in the layout, copied there by the build from src/main/layout
	private static final String DIRECTIVES_FILE = "compiler-directives.json";

	// the build writes it anew each time (spring-boot-maven-plugin build-info): the same file, the same build
	private static final String BUILD_INFO = "META-INF/build-info.properties";

	private static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

	private static final String THROUGHPUT_COLLECTOR = "-XX:+UseParallelGC";

	private static final Pattern COLLECTOR_CHOICE = Pattern.compile("-XX:[+-]Use\\w*GC\\b");

	// a feed smaller than this ends before the optimising compiler pays: some 50,000 stock lines, or a gzipped feed
	// holding about as many (a 3-line run 2.5 -> 1.7 s; a 1M-line one about as fast either way, its load slower)
	private static final long SMALL_FEED = 1 << 20;

	private static final long SMALL_GZIPPED_FEED = 100 << 10;

	// Spring Boot's launcher, which the build's manifest replaced with this class: it runs the command from the
	// nested jars
	private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private PreparedStart() {
	}

	/**
	 * The jar's entry point ({@code Main-Class}; the build copies this class to the jar's root, where the JVM loads
	 * it without Spring Boot's launcher): runs the command in a child JVM from the prepared layout, or hands it to
	 * Spring Boot's launcher. Setting up the launcher's class loader for the nested jars costs 0.13 s that a
	 * command started from the layout does not need.
	 */
	public static void main(String[] args) throws Throwable {
		OptionalInt prepared = run(args);
		if (prepared.isPresent()) {
			System.exit(prepared.getAsInt());
		}
		try {
			Class.forName(BOOT_LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Runs the command in a child JVM from the prepared layout, when there is one for this jar.
	 * @return the child's exit code; empty when the command is to run in this JVM
	 */
	static OptionalInt run(String[] args) {
		Optional<List<String>> command = childCommand(args);
		if (command.isEmpty()) {
			return OptionalInt.empty();
		}
		Process child;
		try {
			child = new ProcessBuilder(command.get()).inheritIO().start();
		}
		catch (IOException ex) {
			// nothing has run yet: the command runs here, as without the layout
			return OptionalInt.empty();
		}
		// a SIGTERM or SIGINT to this JVM runs its shutdown hooks: pass it on and end as the child ends
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (child.isAlive()) {
				child.destroy();
				Runtime.getRuntime().halt(waitFor(child));
			}
		}, "ambar-prepared-start"));
		return OptionalInt.of(waitFor(child));
	}

	/**
	 * In the child: ends this JVM, as SIGKILL would, when the parent that waits for it is gone. Public: in the nested
	 * jar, Spring Boot's class loader asks its parent first and finds this class at the jar's root, in another
	 * runtime package than {@code AmbarApplication}.
	 */
	public static void endWithParent() {
		if (System.getProperty(JAR) == null) {
			return;
		}
		ProcessHandle.current().parent().ifPresent(parent -> {
			// onExit() polls a process that is not this one's child with a sleep that grows to 5 s; a quarter of a
			// second keeps an orphaned job from running on after its operator killed it
			Thread watch = new Thread(() -> {
				while (parent.isAlive()) {
					try {
						Thread.sleep(250);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				Runtime.getRuntime().halt(137);
			}, "ambar-parent-watch");
			watch.setDaemon(true);
			watch.start();
		});
	}

	/**
	 * Hands the compiler directives file that {@link #DIRECTIVES} names, if any, to this JVM's compilers, on a
	 * thread of its own so that the start-up does not wait for it. They keep the optimising compiler (C2) off the
	 * framework code that only the start-up runs (Spring's context, Flyway, logging set-up), which the quick
	 * compiler then compiles without profiling, and leave C2, on 2 cores, to the code the job repeats. A cold 1M-line
	 * stock run, 10% changed, PostgreSQL 15, medians of 5 interleaved runs: 7.92 -> 7.39 s.
	 * <p>
	 * Through the diagnostic command MBean (what {@code jcmd Compiler.directives_add} calls), not
	 * {@code -XX:CompilerDirectivesFile}: that flag needs {@code -XX:+UnlockDiagnosticVMOptions} and prints "1
	 * compiler directives added" on the command's standard output.
	 */
	public static void addCompilerDirectives() {
		String file = System.getProperty(DIRECTIVES);
		if (file == null) {
			return;
		}
		Thread adder = new Thread(() -> {
			try {
				ManagementFactory.getPlatformMBeanServer()
					.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
							new Object[] { new String[] { file } }, new String[] { String[].class.getName() });
			}
			catch (JMException | RuntimeException ex) {
				// the compilers' defaults: slower, not wrong
			}
		}, "ambar-compiler-directives");
		adder.setDaemon(true);
		adder.start();
	}

	private static Optional<List<String>> childCommand(String[] args) {
		if ("false".equals(System.getProperty(SWITCH)) || System.getProperty(JAR) != null
				|| System.getProperty("jarmode") != null) {
			// switched off, the child itself, or Spring Boot's jar mode (the build's extraction)
			return Optional.empty();
		}
		String classPath = System.getProperty("java.class.path", "");
		Optional<List<String>> parentCommand = ProcessHandle.current().info().arguments().map(Arrays::asList);
		int jarOption = parentCommand.map(command -> command.indexOf("-jar")).orElse(-1);
		if (!classPath.endsWith(".jar") || jarOption < 0) {
			return Optional.empty();
		}
		Path jar = Path.of(classPath).toAbsolutePath();
		String name = jar.getFileName().toString();
		Path layout = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()));
		Path extracted = layout.resolve(name);
		if (!Files.isRegularFile(extracted) || !sameBuild(extracted)) {
			return Optional.empty();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Path archive = layout.resolve("ambar.jsa");
		if (Files.isRegularFile(archive)) {
			// -Xlog:cds*=off: an archive this JVM cannot map (another JDK build) is skipped silently
			command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds*=off"));
		}
		List<String> userOptions = parentCommand.get().subList(0, jarOption);
		Path directives = layout.resolve(DIRECTIVES_FILE);
		command.addAll(jvmOptions(args, choosesCollector(userOptions),
				Files.isRegularFile(directives) ? directives : null));
		command.add("-D" + JAR + "=" + jar);
		command.addAll(userOptions);
		command.addAll(List.of("-jar", extracted.toString()));
		command.addAll(Arrays.asList(args));
		return Optional.of(command);
	}

	/**
	 * The JIT and the collector for a command. The quick compiler alone for a query, an action or a run of a small
	 * feed, whose threads would only compete with the start-up for the cores; both compilers for what runs long
	 * enough to pay. A long one-shot command (a run, a restart) also gets the build's compiler directives, which
	 * keep the optimising compiler off the framework code that only the start-up runs (see
	 * {@link #addCompilerDirectives}). The throughput collector for every command but {@code server} and
	 * {@code bench} (which times jobs as {@code server} runs them), unless the user chose one: a command has no
	 * requests waiting on its pauses (a cold 1M-line stock run, 10% changed: 8.06 -> 7.70 s, its load 1.92 -> 1.80
	 * s; the serial collector 8.15 s).
	 * @param collectorChosen whether the user's options already select a garbage collector: two would stop the JVM
	 * @param directives the layout's compiler directives file, or null when it has none
	 */
	static List<String> jvmOptions(String[] args, boolean collectorChosen, Path directives) {
		String command = (args.length > 0) ? args[0] : "help";
		boolean quick = switch (command) {
			case "restart", "server", "bench", "demo" -> false;
			case "run" -> Arrays.stream(args).anyMatch(PreparedStart::isSmallFeed);
			default -> true;
		};
		boolean longRunning = command.equals("server") || command.equals("bench");
		List<String> options = new ArrayList<>();
		if (quick) {
			options.add(QUICK_COMPILER);
		}
		else if (!longRunning && directives != null) {
			options.add("-D" + DIRECTIVES + "=" + directives);
		}
		if (!collectorChosen && !longRunning) {
			options.add(THROUGHPUT_COLLECTOR);
		}
		return options;
	}

	/** Whether the options, or those the JVM takes from the environment, select a garbage collector. */
	static boolean choosesCollector(List<String> userOptions) {
		List<String> sources = new ArrayList<>(userOptions);
		for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
			String value = System.getenv(variable);
			if (value != null) {
				sources.add(value);
			}
		}
		return sources.stream().anyMatch(option -> COLLECTOR_CHOICE.matcher(option).find());
	}

	// a feed that is not there, or not a file, is left to the run to report
	private static boolean isSmallFeed(String arg) {
		if (!arg.startsWith("file=")) {
			return false;
		}
		Path feed = Path.of(arg.substring("file=".length()));
		try {
			long small = feed.toString().endsWith(".gz") ? SMALL_GZIPPED_FEED : SMALL_FEED;
			return Files.isRegularFile(feed) && Files.size(feed) < small;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean sameBuild(Path extracted) {
		try (InputStream ours = PreparedStart.class.getClassLoader().getResourceAsStream(BUILD_INFO);
				ZipFile theirs = new ZipFile(extracted.toFile())) {
			ZipEntry entry = theirs.getEntry(BUILD_INFO);
			if (ours == null || entry == null) {
				return false;
			}
			try (InputStream in = theirs.getInputStream(entry)) {
				return Arrays.equals(ours.readAllBytes(), in.readAllBytes());
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int waitFor(Process child) {
		while (true) {
			try {
				return child.waitFor();
			}
			catch (InterruptedException ex) {
				// the child decides when it ends
			}
		}
	}

}
