package io.ambar.catalog;

import io.ambar.cache.ProductCache;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product read API ({@code server} mode): public catalogue data, open unless {@code ambar.api.read-key} is
 * set. Errors are RFC 9457 problem details.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/products")
class ProductController {

	private final ProductCache cache;

	private final ProductListing listing;

	private final JsonMapper json;

	ProductController(ProductCache cache, ProductListing listing, JsonMapper json) {
		this.cache = cache;
		this.listing = listing;
		this.json = json;
	}

	/**
	 * One product, through the cache, with a weak ETag from its version: a matching {@code If-None-Match} gets a
	 * 304 (Spring MVC compares them). An unknown SKU is a 404.
	 * <p>
	 * The body is serialised here, so that the response carries its length (the server compresses only responses
	 * over 1 KB) without being buffered again: this is the hottest path of the API.
	 */
	@GetMapping("/{sku}")
	ResponseEntity<byte[]> product(@PathVariable String sku) {
		return this.cache.get(sku)
			.map(product -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.eTag("W/\"" + product.version() + "\"")
				.body(this.json.writeValueAsBytes(ProductResponse.of(product))))
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
					ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no product with SKU " + sku), null));
	}

	/** A page of products in SKU order; see {@link ProductQuery} for the parameters. */
	@GetMapping
	ProductPage products(@RequestParam MultiValueMap<String, String> parameters) {
		return this.listing.page(ProductQuery.of(parameters));
	}

}
