package io.ambar.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parses {@code <command> [args] [--spring.property=value]}, starts the application and runs the command.
 * <p>
 * An argument starting with {@code --} is a Spring property when its key (up to {@code =}) holds a dot or starts
 * with a Spring or Ambar prefix ({@code --spring.datasource.url=...}, {@code --debug}); the rest, options such as
 * {@code --job stock-update} or {@code --csv=rejects.csv} included, belong to the command.
 */
public final class CommandLine {

	private static final List<String> SPRING_PREFIXES = List.of("spring", "ambar", "logging", "server", "management",
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
		SpringApplication app = new SpringApplication(application);
		// server: a web application that runs the scheduler; every other command starts lean (application.yml)
		app.setAdditionalProfiles(name.equals(ServerCommand.NAME) ? "server" : "cli");
		try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
			Map<String, AmbarCommand> commands = context.getBeansOfType(AmbarCommand.class)
				.values()
				.stream()
				.collect(Collectors.toMap(AmbarCommand::name, Function.identity()));
			AmbarCommand command = commands.get(name);
			if (command == null) {
				if (!name.equals("help")) {
					System.err.println("ambar: unknown command '" + name + "'");
				}
				System.err.println("usage: java -jar ambar.jar <command> [key=value ...] [--spring.property=value ...]");
				commands.values()
					.stream()
					.sorted((a, b) -> a.name().compareTo(b.name()))
					.forEach(c -> System.err.printf("  %-11s %s%n", c.name(), c.usage()));
				return name.equals("help") ? AmbarCommand.OK : AmbarCommand.USAGE;
			}
			try {
				return command.run(commandArgs, System.out);
			}
			catch (UsageException ex) {
				System.err.println("ambar " + name + ": " + ex.getMessage());
				return AmbarCommand.USAGE;
			}
		}
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
