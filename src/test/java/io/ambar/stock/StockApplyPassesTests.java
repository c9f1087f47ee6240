package io.ambar.stock;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link StockApplyOrderTests} in passes of a few pages, as a catalogue larger than half the buffer pool is applied:
 * every stripe of a pass's pages before the next pass's. Each row still stays on its page. Chunks of 5 rows, so that
 * a pass's stripe (10 pages, one version each before the catalogue's first ANALYZE) spans two of them, as the
 * default pass size makes sure.
 */
@SpringBootTest(properties = { "ambar.stock.apply-chunk-size=5", "ambar.stock.apply-partitions=1",
		"ambar.stock.apply-pass-pages=10" })
class StockApplyPassesTests extends StockApplyOrderTests {

}
