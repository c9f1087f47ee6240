package io.ambar.ops.cli;

import java.util.List;
import java.util.Optional;

/**
 * The operator commands, by name: each works on the database and against a server.
 */
public final class ClientCommands {

	private static final List<ClientCommand> ALL = List.of(new JobsCommand(), new ExecutionsCommand(),
			new ExecutionCommand(), new RunCommand(), new RestartCommand(), ActionCommand.stop(), ActionCommand.abandon(),
			ActionCommand.recover(), new RejectsCommand(), new AuditCommand(), new SchedulesCommand(),
			ActionCommand.pause(), ActionCommand.resume(), ActionCommand.trigger());

	private ClientCommands() {
	}

	public static List<ClientCommand> all() {
		return ALL;
	}

	public static Optional<ClientCommand> named(String name) {
		return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
	}

}
