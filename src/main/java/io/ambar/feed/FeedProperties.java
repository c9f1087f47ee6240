package io.ambar.feed;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the feed reader, {@code ambar.feed.*}, for both feed jobs.
 *
 * @param maxDecompressedSize the most a gzip feed may expand to; past it the file fails as a whole, so that a gzip
 * bomb cannot fill the disk with staging rows
 */
@Validated
@ConfigurationProperties("ambar.feed")
public record FeedProperties(@DefaultValue("64GB") @NotNull DataSize maxDecompressedSize) {

	public FeedProperties {
		if (maxDecompressedSize != null && maxDecompressedSize.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"ambar.feed.max-decompressed-size must be positive, not " + maxDecompressedSize);
		}
	}

}
