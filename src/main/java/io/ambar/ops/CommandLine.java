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
 * Arguments starting with {@code --} are Spring properties ({@code --spring.datasource.url=...}); the rest
 * belong to the command.
 */
public final class CommandLine {

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
			(arg.startsWith("--") ? springArgs : commandArgs).add(arg);
		}
		String name = commandArgs.isEmpty() ? "help" : commandArgs.remove(0);
		SpringApplication app = new SpringApplication(application);
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

}
