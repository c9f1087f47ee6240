package io.ambar.stock;

/**
 * A staged stock level that differs from the catalogue's, to be applied.
 */
record StockChange(String sku, int quantity) {
}
