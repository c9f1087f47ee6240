package io.ambar.feed;

import java.io.Closeable;

import org.jspecify.annotations.Nullable;

/**
 * The records of one open feed file in file order; file-level failures are thrown as {@link FeedFileException}.
 */
interface RecordSource extends Closeable {

	/** Returns the next record, or {@code null} after the last one. */
	@Nullable FeedRecord next();

	/** How far into the file as stored the records returned so far reach, in bytes, at least. */
	long position();

}
