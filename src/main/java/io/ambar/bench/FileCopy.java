package io.ambar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * {@code COPY ... FROM STDIN} of a file's bytes through pgjdbc's CopyManager, streamed, so a feed of any size costs
 * the JVM one buffer.
 */
final class FileCopy {

	private FileCopy() {
	}

	/** @return the number of rows PostgreSQL copied */
	static long copy(Connection connection, String copySql, Path file) throws SQLException, IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, in, 1 << 16);
		}
	}

}
