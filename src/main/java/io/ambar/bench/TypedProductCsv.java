package io.ambar.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Prepares the typed-CSV product reference's input, outside the timing: a JSONL product feed as a CSV of the
 * feed-owned columns, one row per SKU (the last line wins), typed as {@code products} types them. PostgreSQL itself
 * extracts the fields, exactly as the raw reference does, so both leave the same catalogue.
 */
final class TypedProductCsv {

	private TypedProductCsv() {
	}

	/** Writes {@code feed}'s CSV next to it and returns its path; the catalogue is not touched. */
	static Path prepare(DataSource dataSource, Path feed) throws Exception {
		Path csv = feed.resolveSibling(feed.getFileName().toString().replace(".jsonl", "") + ".typed.csv");
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement(); OutputStream out = Files.newOutputStream(csv)) {
				SqlReference raw = SqlReference.RAW_PRODUCTS;
				statement.execute(raw.createTable());
				FileCopy.copy(connection, "COPY " + raw.copyInto() + " FROM STDIN " + raw.copyOptions(), feed);
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyOut("COPY (" + SqlReference.JSONL_PRODUCTS + ") TO STDOUT (FORMAT csv, HEADER)", out);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		return csv;
	}

}
