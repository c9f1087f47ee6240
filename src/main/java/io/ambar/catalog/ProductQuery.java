package io.ambar.catalog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;

/**
 * One page request of {@code GET /api/products}: {@code limit} (default 50, at most 500), {@code cursor}, and the
 * whitelisted filters.
 *
 * @param after the SKU the page starts after, null for the first page
 */
record ProductQuery(int limit, @Nullable String after, Map<ProductFilter, Object> filters) {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 500;

	static final String LIMIT = "limit";

	static final String CURSOR = "cursor";

	/**
	 * Reads the query parameters.
	 * @throws ErrorResponseException 400, with an RFC 9457 body, for an unknown or repeated parameter (listing the
	 * allowed ones) or a value out of form
	 */
	static ProductQuery of(MultiValueMap<String, String> parameters) {
		List<String> allowed = new ArrayList<>(List.of(LIMIT, CURSOR));
		allowed.addAll(ProductFilter.names());
		int limit = DEFAULT_LIMIT;
		String after = null;
		Map<ProductFilter, Object> filters = new EnumMap<>(ProductFilter.class);
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			if (!allowed.contains(name)) {
				throw badRequest("unknown parameter '" + name + "'; allowed: " + String.join(", ", allowed), allowed);
			}
			if (parameter.getValue().size() != 1) {
				throw badRequest("parameter '" + name + "' given more than once", allowed);
			}
			String value = parameter.getValue().get(0);
			try {
				switch (name) {
					case LIMIT -> limit = limit(value);
					case CURSOR -> after = ProductCursor.sku(value);
					default -> {
						ProductFilter filter = ProductFilter.named(name).orElseThrow();
						filters.put(filter, filter.parse(value));
					}
				}
			}
			catch (IllegalArgumentException ex) {
				throw badRequest(name + " " + ex.getMessage(), allowed);
			}
		}
		return new ProductQuery(limit, after, filters);
	}

	private static int limit(String text) {
		try {
			int limit = Integer.parseInt(text);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("must be a whole number from 1 to " + MAX_LIMIT);
	}

	private static ErrorResponseException badRequest(String detail, List<String> allowed) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty("allowed", allowed);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
