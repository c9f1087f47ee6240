/**
 * The product-sync job: upserts the catalogue's feed-owned columns (name, price, attributes, ...) by SKU.
 */
@NullMarked
package io.ambar.catalog;

import org.jspecify.annotations.NullMarked;
