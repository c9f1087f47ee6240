package io.ambar.catalog;

import io.ambar.cache.CachedProduct;
import io.ambar.cache.ProductCache;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code GET /api/products/{sku}}: one product, through the cache, with a weak ETag from its version; a matching
 * {@code If-None-Match} gets a 304, an unknown SKU a 404 problem detail. {@code Cache-Control: no-cache}: a client
 * may keep the product but asks again, with its ETag, before using it.
 * <p>
 * A functional route rather than a controller method because this is the API's hottest path: Spring MVC asks the
 * router functions first, and this one pattern is all they test, where the annotated mappings would test every
 * pattern of the operator API, the console and actuator on each request (a fifth of a cached read's CPU in a
 * profile). The body is serialised here, so that the response carries its length (the server compresses only
 * responses over 1 KB) without being buffered again.
 */
final class ProductRoute {

	static final String PATH = "/api/products/{sku}";

	private final ProductCache cache;

	private final JsonMapper json;

	ProductRoute(ProductCache cache, JsonMapper json) {
		this.cache = cache;
		this.json = json;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route().GET(PATH, this::product).build();
	}

	private ServerResponse product(ServerRequest request) {
		String sku = request.pathVariable("sku");
		CachedProduct product = this.cache.get(sku)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
					ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no product with SKU " + sku), null));
		String etag = "W/\"" + product.version() + "\"";
		return request.checkNotModified(etag)
			.orElseGet(() -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.eTag(etag)
				.cacheControl(CacheControl.noCache())
				.body(this.json.writeValueAsBytes(ProductResponse.of(product))));
	}

}
