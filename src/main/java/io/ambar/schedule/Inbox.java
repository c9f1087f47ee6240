package io.ambar.schedule;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * An inbox directory: the feeds that have arrived in it, and where they go once run ({@code processed/} or
 * {@code failed/} beside them, named with the execution id).
 * <p>
 * A file still being written is left alone: a name ending in {@code .part} or {@code .tmp}, a hidden name, or a
 * file modified less than {@code ambar.schedule.inbox-settle-time} ago. A file is known by its path and modification
 * time, which is also its run's as-of, so the run of a file that was not moved (the process died between the run
 * and the move) is found again by the next firing, and the file is moved, not run twice.
 */
@Component
class Inbox {

	static final String PROCESSED = "processed";

	static final String FAILED = "failed";

	private static final List<String> BEING_WRITTEN = List.of(".part", ".tmp");

	private static final List<String> FEED_EXTENSIONS = List.of(".jsonl.gz", ".csv.gz", ".jsonl", ".csv", ".gz");

	private final Duration settleTime;

	private final Clock clock;

	Inbox(ScheduleProperties properties, Clock clock) {
		this.settleTime = properties.inboxSettleTime();
		this.clock = clock;
	}

	/** A file that arrived, with its modification time to the microsecond (as PostgreSQL keeps it). */
	record Arrived(Path file, long size, Instant modified) {
	}

	/**
	 * The settled files directly in the directory, in name order.
	 * @throws IOException when the directory cannot be listed (missing, not readable)
	 */
	List<Arrived> arrived(Path dir) throws IOException {
		try (Stream<Path> listing = Files.list(dir)) {
			return listing.sorted()
				.filter(file -> !beingWritten(file.getFileName().toString()))
				.map(this::settled)
				.flatMap(Optional::stream)
				.toList();
		}
	}

	/** The file as it is now, if it is still there and settled. */
	Optional<Arrived> settled(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MICROS);
			if (!attributes.isRegularFile() || modified.isAfter(this.clock.instant().minus(this.settleTime))) {
				return Optional.empty();
			}
			return Optional.of(new Arrived(file, attributes.size(), modified));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Moves a file that was run to {@code processed/} or {@code failed/} beside it, as its name with the execution
	 * id before the feed's extension ({@code stock.csv} run by execution 42: {@code stock.42.csv}), so that a later
	 * file of the same name never replaces it.
	 * @return where it went, or empty when it was no longer there (another node's firing moved it)
	 * @throws IOException when it cannot be moved; it stays in the inbox, and the next firing moves it
	 */
	Optional<Path> move(Path file, String to, long executionId) throws IOException {
		Path dir = Files.createDirectories(file.resolveSibling(to));
		Path target = dir.resolve(withId(file.getFileName().toString(), executionId));
		try {
			return Optional.of(Files.move(file, target, StandardCopyOption.ATOMIC_MOVE));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (AtomicMoveNotSupportedException ex) {
			// an inbox and its subdirectories are one file system unless mounted otherwise
			try {
				return Optional.of(Files.move(file, target));
			}
			catch (NoSuchFileException | FileAlreadyExistsException gone) {
				return Optional.empty();
			}
		}
	}

	static String withId(String name, long executionId) {
		String lower = name.toLowerCase(Locale.ROOT);
		String extension = FEED_EXTENSIONS.stream().filter(lower::endsWith).findFirst().orElse("");
		return name.substring(0, name.length() - extension.length()) + "." + executionId
				+ name.substring(name.length() - extension.length());
	}

	private static boolean beingWritten(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return name.startsWith(".") || BEING_WRITTEN.stream().anyMatch(lower::endsWith);
	}

}
