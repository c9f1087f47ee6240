package io.ambar.ops.cli;

/**
 * Arguments a command cannot use; the message is the one line shown to the user, who gets exit code 2.
 */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}

}
