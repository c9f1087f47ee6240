package io.ambar.stock;

import io.ambar.feed.CopyIn;
import io.ambar.feed.StagingWriter;

/**
 * How stock-update stages a valid line: its line number, SKU, quantity and text (kept for an unknown-SKU reject).
 */
final class StockStagingRows implements StagingWriter.Rows<StockLine> {

	static final String STAGING_PREFIX = "stock";

	@Override
	public String columns() {
		return "line_no bigint NOT NULL, sku text NOT NULL, quantity integer NOT NULL, raw text NOT NULL";
	}

	@Override
	public String names() {
		return "line_no, sku, quantity, raw";
	}

	@Override
	public String add(StockLine line, CopyIn row) {
		row.add(line.line()).add(line.sku()).add(line.quantity()).add(line.raw());
		return line.sku();
	}

}
