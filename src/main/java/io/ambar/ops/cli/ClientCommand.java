package io.ambar.ops.cli;

import java.util.Set;


/**
 * An operator command, written once against an {@link OperatorClient}: it works directly on the database and
 * against a running server alike.
 */
public interface ClientCommand {

	/** Exit code of a command that did what it was asked. */
	int OK = 0;

	/** Exit code of a job that ended FAILED or STOPPED, or a refused action. */
	int FAILED = 1;

	String name();

	/** One line for {@code help}: arguments and what the command does. */
	String usage();

	/** The options it takes, besides {@code --json}, {@code --server} and {@code --user}. */
	default Set<String> options() {
		return Set.of();
	}

	/**
	 * Runs the command.
	 * @return the process exit code
	 * @throws io.ambar.ops.cli.UsageException for arguments it cannot use
	 * @throws io.ambar.ops.OperationException for a request the operations layer refused
	 */
	int run(CommandArguments arguments, OperatorClient client, Console console) throws Exception;

}
