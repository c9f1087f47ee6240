package io.ambar.feed;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The format of a feed file, told by its name: {@code .jsonl} or {@code .jsonl.gz} is JSON Lines, anything else CSV.
 */
enum FeedFormat {

	CSV, JSONL;

	static FeedFormat of(Path file) {
		String name = lowerCaseName(file);
		return (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) ? JSONL : CSV;
	}

	static boolean isGzip(Path file) {
		return lowerCaseName(file).endsWith(".gz");
	}

	private static String lowerCaseName(Path file) {
		Path name = file.getFileName();
		return (name != null) ? name.toString().toLowerCase(Locale.ROOT) : "";
	}

}
