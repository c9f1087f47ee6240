package io.ambar.catalog;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The product read API, {@code ambar.api.*}.
 *
 * @param readKey when set, requests to {@code /api/products} must carry it in the {@code X-API-Key} header;
 * unset (the default), the API is open: it serves public catalogue data
 */
@ConfigurationProperties("ambar.api")
record ReadApiProperties(@Nullable String readKey) {
}
