package io.ambar.stock;

/**
 * A staged stock level: the winning line of its SKU, to be applied if it differs from the catalogue.
 */
record StockChange(String sku, int quantity) {
}
