package io.ambar.housekeeping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Deletes the files in each inbox's {@code processed/} directory last modified before the cutoff. Only regular files
 * directly inside it: never a symbolic link (nor what it points to), never a subdirectory, and nothing at all when
 * {@code processed} is itself a link. Counts files; a file that cannot be deleted fails the step, naming it.
 */
final class ProcessedInboxFiles implements Sweep {

	static final String PROCESSED = "processed";

	private final List<Path> inboxes;

	ProcessedInboxFiles(List<Path> inboxes) {
		this.inboxes = List.copyOf(inboxes);
	}

	@Override
	public Swept sweep(Instant cutoff, int limit, ExecutionContext state) {
		long deleted = 0;
		for (Path inbox : this.inboxes) {
			for (Path file : oldFiles(inbox, cutoff, limit - deleted)) {
				try {
					if (Files.deleteIfExists(file)) {
						deleted++;
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("cannot delete processed inbox file " + file + ": " + ex.getMessage(), ex);
				}
			}
			if (deleted == limit) {
				return new Swept(deleted, true);
			}
		}
		return new Swept(deleted, false);
	}

	@Override
	public long count(Instant cutoff, ExecutionContext state) {
		return this.inboxes.stream().mapToLong(inbox -> oldFiles(inbox, cutoff, Long.MAX_VALUE).size()).sum();
	}

	/** At most {@code limit} regular files in the inbox's {@code processed/} older than the cutoff. */
	private static List<Path> oldFiles(Path inbox, Instant cutoff, long limit) {
		Path processed = inbox.resolve(PROCESSED);
		if (limit <= 0 || !Files.isDirectory(processed, LinkOption.NOFOLLOW_LINKS)) {
			return List.of();
		}
		List<Path> old = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(processed)) {
			for (Path entry : entries) {
				if (old.size() == limit) {
					break;
				}
				if (isOldRegularFile(entry, cutoff)) {
					old.add(entry);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + processed + ": " + ex.getMessage(), ex);
		}
		return old;
	}

	private static boolean isOldRegularFile(Path entry, Instant cutoff) throws IOException {
		try {
			BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff);
		}
		catch (NoSuchFileException ex) {
			// moved or deleted meanwhile
			return false;
		}
	}

}
