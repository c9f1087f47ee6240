package io.ambar.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of {@code GET /api/products}.
 *
 * @param items at most {@code limit}; with a range filter (minPrice, maxPrice, updatedSince) possibly fewer, even
 * none, though more follow (see {@link ProductListing})
 * @param nextCursor pass as {@code cursor} for the next page; null when nothing follows
 */
record ProductPage(List<ProductResponse> items, @Nullable String nextCursor) {
}
