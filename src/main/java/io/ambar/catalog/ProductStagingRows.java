package io.ambar.catalog;

import java.security.MessageDigest;

import io.ambar.feed.CopyIn;
import io.ambar.feed.StagingWriter;

/**
 * How product-sync stages a valid line: its fields and content hash. Attributes stay text: only the changed rows
 * are parsed into jsonb, when they are applied.
 */
final class ProductStagingRows implements StagingWriter.Rows<ProductLine> {

	static final String STAGING_PREFIX = "product";

	/** Reused line after line: the writer that uses these rows runs on one thread. */
	private final MessageDigest digest = ProductLine.sha256();

	@Override
	public String columns() {
		return "line_no bigint NOT NULL, sku text NOT NULL, name text NOT NULL, description text, brand text, "
				+ "category text, price numeric(12, 2) NOT NULL, currency text NOT NULL, attributes text NOT NULL, "
				+ "active boolean NOT NULL, content_hash bytea NOT NULL";
	}

	@Override
	public String names() {
		return "line_no, sku, name, description, brand, category, price, currency, attributes, active, content_hash";
	}

	@Override
	public String add(ProductLine line, CopyIn row) {
		row.add(line.line())
			.add(line.sku())
			.add(line.name())
			.add(line.description())
			.add(line.brand())
			.add(line.category())
			.add(line.price().toPlainString())
			.add(line.currency())
			.add(line.attributes())
			.add(Boolean.toString(line.active()))
			// bytea's hex input format
			.add("\\x" + line.contentHash(this.digest));
		return line.sku();
	}

}
