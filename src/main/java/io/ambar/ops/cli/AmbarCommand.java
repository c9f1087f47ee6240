package io.ambar.ops.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of {@code java -jar ambar.jar <command>}, a bean found by its {@link #name()}.
 */
public interface AmbarCommand {

	/** Exit code of a command that did what it was asked. */
	int OK = 0;

	/** Exit code of a job that ended FAILED or STOPPED, or a command that could not do its work. */
	int FAILED = 1;

	/** Exit code of a usage error: unknown job, missing parameter, file not found. */
	int USAGE = 2;

	String name();

	/** One line for {@code help}: arguments and what the command does. */
	String usage();

	/**
	 * Runs the command.
	 * @param args the arguments after the command name, Spring's {@code --key=value} ones removed
	 * @param out where results go; diagnostics go to {@code System.err}
	 * @return the process exit code
	 * @throws UsageException for arguments the command cannot use
	 */
	int run(List<String> args, PrintStream out);

}
