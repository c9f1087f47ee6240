package io.ambar.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

/**
 * Contender (d), the classic anti-pattern: one autocommitted UPDATE per feed line, so one round trip and one WAL
 * flush per row. Timed on the first lines of the feed only; at its speed a full feed would take hours.
 */
final class PerRowStockUpdate {

	private final DataSource dataSource;

	PerRowStockUpdate(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Applies the first {@code limit} lines of a {@code sku,quantity} feed and returns how many it applied. */
	long apply(Path feed, long limit) throws Exception {
		long applied = 0;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement update = connection
					.prepareStatement("UPDATE products SET stock_quantity = ?, updated_at = now() WHERE sku = ?");
				BufferedReader lines = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
			lines.readLine();
			for (String line = lines.readLine(); line != null && applied < limit; line = lines.readLine()) {
				int comma = line.indexOf(',');
				update.setInt(1, Integer.parseInt(line, comma + 1, line.length(), 10));
				update.setString(2, line.substring(0, comma));
				update.executeUpdate();
				applied++;
			}
		}
		return applied;
	}

}
