package io.ambar.ops.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.ambar.ops.OperationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parses {@code <command> [args] [--spring.property=value]} and runs the command: an operator command
 * ({@link ClientCommands}) against a running server when {@code --server URL} (or {@code AMBAR_SERVER}) is given,
 * without starting Spring at all; otherwise, after starting the application, on the database.
 * <p>
 * An argument starting with {@code --} is a Spring property when its key (up to {@code =}) holds a dot or starts
 * with a Spring or Ambar prefix ({@code --spring.datasource.url=...}, {@code --debug}); the rest, options such as
 * {@code --job stock-update}, {@code --json}, {@code --server URL} or {@code --user NAME}, belong to the command.
 */
public final class CommandLine {

	/** Where a command's logs go (application.yml's logging.file.name). */
	static final String LOG_FILE = ".ambar/logs/ambar.log";

	private static final String NO_BACKGROUND_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

	private static final List<String> SPRING_PREFIXES = List.of("spring", "ambar", "logging", "server.", "management",
			"debug", "trace");

	private CommandLine() {
	}

	/**
	 * Runs one command to the end.
	 * @return the exit code: 0 done, 1 failed, 2 usage error
	 */
	public static int run(Class<?> application, String[] args) {
		List<String> springArgs = new ArrayList<>();
		List<String> commandArgs = new ArrayList<>();
		for (String arg : args) {
			(isSpringProperty(arg) ? springArgs : commandArgs).add(arg);
		}
		String name = commandArgs.isEmpty() ? "help" : commandArgs.remove(0);
		Optional<ClientCommand> operatorCommand = ClientCommands.named(name);
		boolean json = commandArgs.remove("--json");
		String serverUrl = take(commandArgs, "server", System.getenv("AMBAR_SERVER"));
		String user = take(commandArgs, "user", System.getenv("AMBAR_USER"));
		if (operatorCommand.isPresent() && serverUrl != null && !serverUrl.isBlank()) {
			// the thin client: no Spring, no database, just the server's API
			return run(operatorCommand.get(), commandArgs,
					new RemoteOperatorClient(serverUrl, user, System.getenv("AMBAR_PASSWORD")), Console.system(json));
		}
		boolean serverCommand = name.equals(ServerCommand.NAME);
		// Boot's background pre-initialisation warms the message converters (Jackson 2 and 3), the validator and
		// more on a thread of its own: most of it a command never uses, and on 2 cores it takes one from the
		// start-up (measured: `run` of a 3-line feed 2.48-2.66 -> 2.37-2.51 s from the prepared layout). A system
		// property is the only switch Boot reads, when SpringApplication creates its listeners; one set by the user
		// stands, and it is put back once the application has started.
		boolean noPreinitialization = !serverCommand && System.getProperty(NO_BACKGROUND_PREINITIALIZER) == null;
		if (noPreinitialization) {
			System.setProperty(NO_BACKGROUND_PREINITIALIZER, "true");
		}
		SpringApplication app = new SpringApplication(application);
		// server: a web application that runs the scheduler; every other command starts lean (application.yml)
		app.setAdditionalProfiles(serverCommand ? "server" : "cli");
		// a command prints what its user reads, one line per failure; logs, stack traces included, go to the log
		// file (logging.file.name), not over the command's output. A server logs to the console too.
		Map<String, Object> defaults = new HashMap<>();
		if (!serverCommand) {
			defaults.put("logging.threshold.console", "OFF");
		}
		if (name.equals("bench")) {
			// the benchmark works in a database of its own, never in the user's catalogue
			defaults.put("ambar.bench.database", "ambar_bench");
		}
		app.setDefaultProperties(defaults);
		ConfigurableApplicationContext started;
		try {
			started = app.run(springArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			System.err.println("ambar: could not start: " + rootMessage(ex) + " (details in " + LOG_FILE + ")");
			return AmbarCommand.FAILED;
		}
		finally {
			if (noPreinitialization) {
				System.clearProperty(NO_BACKGROUND_PREINITIALIZER);
			}
		}
		try (ConfigurableApplicationContext context = started) {
			if (operatorCommand.isPresent()) {
				return run(operatorCommand.get(), commandArgs, context.getBean(LocalOperatorClient.class),
						Console.system(json));
			}
			Map<String, AmbarCommand> commands = new TreeMap<>();
			context.getBeansOfType(AmbarCommand.class).values().forEach(command -> commands.put(command.name(), command));
			AmbarCommand command = commands.get(name);
			if (command == null) {
				return help(name, commands);
			}
			try {
				return command.run(commandArgs, System.out);
			}
			catch (UsageException | OperationException ex) {
				return refused(name, ex);
			}
		}
	}

	/**
	 * Runs an operator command with a client; refusals become one line on stderr and an exit code (2 for a usage
	 * error or a wrong request, 1 for a conflict), anything else one line and the trace in the log.
	 */
	static int run(ClientCommand command, List<String> args, OperatorClient client, Console console) {
		try {
			return command.run(CommandArguments.parse(args, command.options()), client, console);
		}
		catch (UsageException | OperationException ex) {
			return refused(command.name(), ex);
		}
		catch (Exception ex) {
			// the logger only here: a thin client that does not fail never starts a logging system
			Log logger = LogFactory.getLog(CommandLine.class);
			logger.error("ambar " + command.name() + " failed", ex);
			System.err.println("ambar " + command.name() + ": " + rootMessage(ex));
			return AmbarCommand.FAILED;
		}
	}

	private static int refused(String name, RuntimeException ex) {
		System.err.println("ambar " + name + ": " + ex.getMessage());
		if (ex instanceof OperationException refusal && refusal.kind() == OperationException.Kind.CONFLICT) {
			return AmbarCommand.FAILED;
		}
		return AmbarCommand.USAGE;
	}

	private static int help(String name, Map<String, AmbarCommand> commands) {
		if (!name.equals("help")) {
			System.err.println("ambar: unknown command '" + name + "'");
		}
		System.err.println("usage: java -jar ambar.jar <command> [key=value ...] [--spring.property=value ...]");
		Map<String, String> usages = new TreeMap<>();
		commands.values().forEach(command -> usages.put(command.name(), command.usage()));
		ClientCommands.all().forEach(command -> usages.put(command.name(), command.usage()));
		usages.forEach((command, usage) -> System.err.printf("  %-11s %s%n", command, usage));
		System.err.println("operator commands take --json, and --server URL [--user NAME[:PASSWORD]] to ask a running"
				+ " server (or AMBAR_SERVER, AMBAR_USER, AMBAR_PASSWORD)");
		return name.equals("help") ? AmbarCommand.OK : AmbarCommand.USAGE;
	}

	/** Removes {@code --name value} or {@code --name=value} from the arguments; the value, else the fallback. */
	private static @Nullable String take(List<String> args, String name, @Nullable String fallback) {
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.equals("--" + name) && i + 1 < args.size()) {
				args.remove(i);
				return args.remove(i);
			}
			if (arg.startsWith("--" + name + "=")) {
				args.remove(i);
				return arg.substring(name.length() + 3);
			}
		}
		return fallback;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	static boolean isSpringProperty(String arg) {
		if (!arg.startsWith("--")) {
			return false;
		}
		int eq = arg.indexOf('=');
		String key = arg.substring(2, (eq < 0) ? arg.length() : eq);
		return key.contains(".") || SPRING_PREFIXES.stream().anyMatch(key::startsWith);
	}

}
