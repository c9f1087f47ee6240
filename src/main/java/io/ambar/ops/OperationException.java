package io.ambar.ops;

/**
 * An operation refused by the operations layer, with the kind of refusal and one line saying why. Nothing was
 * changed. Faces map the kind: HTTP 400 / 404 / 409, CLI exit codes 2 / 2 / 1.
 */
public class OperationException extends RuntimeException {

	/** Why an operation was refused. */
	public enum Kind {

		/** The request itself is wrong: an unknown or malformed parameter, a file outside the feed roots. */
		INVALID,

		/** What it names does not exist: a job, an execution, a schedule. */
		NOT_FOUND,

		/** It cannot be done in the current state: a restart of a running execution, a second run at once. */
		CONFLICT

	}

	private final Kind kind;

	public OperationException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	static OperationException invalid(String message) {
		return new OperationException(Kind.INVALID, message);
	}

	static OperationException notFound(String message) {
		return new OperationException(Kind.NOT_FOUND, message);
	}

	static OperationException conflict(String message) {
		return new OperationException(Kind.CONFLICT, message);
	}

}
