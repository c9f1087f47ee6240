package io.ambar.feed;
import java.nio.file.Path;
public class FeedFileException extends RuntimeException {
	private final Path file; private final long line; private final String reason;
	public FeedFileException(Path file, long line, String reason) { super(file.getFileName() + (line > 0 ? " line " + line : "") + ": " + reason); this.file = file; this.line = line; this.reason = reason; }
	public Path file() { return file; } public long line() { return line; } public String reason() { return reason; }
}
