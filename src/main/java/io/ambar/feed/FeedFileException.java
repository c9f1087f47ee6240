package io.ambar.feed;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A feed file refused as a whole: it cannot be read, its header is unusable, or its bytes are broken at a line.
 */
public class FeedFileException extends RuntimeException {

	private final Path file;

	private final long line;

	private final String reason;

	public FeedFileException(Path file, long line, String reason) {
		this(file, line, reason, null);
	}

	FeedFileException(Path file, long line, String reason, @Nullable Throwable cause) {
		super(file.getFileName() + ((line > 0) ? " line " + line : "") + ": " + reason, cause);
		this.file = file;
		this.line = line;
		this.reason = reason;
	}

	/** The full path of the refused file. */
	public Path file() {
		return this.file;
	}

	/** The 1-based line the failure was found on, or 0 when it is not tied to a line. */
	public long line() {
		return this.line;
	}

	/** What is wrong, without the file name and line. */
	public String reason() {
		return this.reason;
	}

}
