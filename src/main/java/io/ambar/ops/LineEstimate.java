package io.ambar.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A guess of a feed's line count for the ETA: its (uncompressed) size divided by the mean line length of its
 * first megabyte. For gzip the size is the trailer's ISIZE, which is exact below 4 GiB.
 */
final class LineEstimate {

	private static final int SAMPLE = 1 << 20;

	private LineEstimate() {
	}

	/** The estimated line count, or 0 when the file cannot be read. */
	static long of(Path file) {
		try {
			boolean gzip = file.getFileName().toString().endsWith(".gz");
			long size = gzip ? gzipSize(file) : Files.size(file);
			byte[] sample = new byte[SAMPLE];
			int read;
			try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
				read = in.readNBytes(sample, 0, SAMPLE);
			}
			long lines = 0;
			for (int i = 0; i < read; i++) {
				if (sample[i] == '\n') {
					lines++;
				}
			}
			return (lines == 0 || read == 0) ? 0 : Math.round((double) size * lines / read);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long gzipSize(Path file) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			raf.seek(raf.length() - 4);
			int b1 = raf.read(), b2 = raf.read(), b3 = raf.read(), b4 = raf.read();
			return (b1 | (b2 << 8) | (b3 << 16) | ((long) b4 << 24));
		}
	}

}
