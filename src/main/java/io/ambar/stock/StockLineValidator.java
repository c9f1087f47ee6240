package io.ambar.stock;

import io.ambar.feed.FeedRecord;
import io.ambar.feed.LedgerText;
import io.ambar.feed.Reject;
import io.ambar.feed.SkuRule;
import io.ambar.feed.Validated;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a feed record into a {@link StockLine}, or a reject naming why: a bad row, a missing or invalid SKU, or
 * a quantity that is not a plain non-negative 32-bit integer. Whether the SKU exists is checked later, in bulk.
 */
class StockLineValidator implements ItemProcessor<FeedRecord, Validated<StockLine>> {

	@Override
	public Validated<StockLine> process(FeedRecord record) {
		if (record.problem() != null) {
			return Validated.rejected(Reject.of(record, record.problem()));
		}
		String sku = SkuRule.trimmed(record);
		Reject badSku = SkuRule.check(record, sku);
		if (badSku != null) {
			return Validated.rejected(badSku);
		}
		String text = record.field("quantity");
		Integer quantity = StockLine.parseQuantity(text);
		if (quantity == null) {
			return Validated.rejected(new Reject(record.line(), record.raw(), sku, "INVALID_QUANTITY",
					(text == null) ? "quantity is missing"
							: "quantity '" + text + "' is not a whole number from 0 to " + Integer.MAX_VALUE));
		}
		// the text is staged for an unknown-SKU reject: as much of it as the ledger keeps
		return Validated.valid(new StockLine(sku, quantity, record.line(), LedgerText.cut(record.raw())));
	}

}
