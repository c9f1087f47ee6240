package io.ambar.catalog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product read API's pages ({@code server} mode): public catalogue data, open unless {@code ambar.api.read-key}
 * is set. Errors are RFC 9457 problem details. The single product is {@link ProductRoute}.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/products")
class ProductController {

	private final ProductListing listing;

	ProductController(ProductListing listing) {
		this.listing = listing;
	}

	/** A page of products in SKU order; see {@link ProductQuery} for the parameters. */
	@GetMapping
	ProductPage products(@RequestParam MultiValueMap<String, String> parameters) {
		return this.listing.page(ProductQuery.of(parameters));
	}

}
