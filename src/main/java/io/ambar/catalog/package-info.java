/**
 * The product-sync job, which upserts the catalogue's feed-owned columns (name, price, attributes, ...) by SKU, and
 * the product read API ({@code /api/products}).
 */
@NullMarked
package io.ambar.catalog;

import org.jspecify.annotations.NullMarked;
