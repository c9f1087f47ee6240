package io.ambar.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Closes the product read API with a key: a request without the right {@code X-API-Key} header is a 401 problem
 * detail. The comparison takes the same time whatever matches.
 */
class ReadKeyInterceptor implements HandlerInterceptor {

	static final String HEADER = "X-API-Key";

	private final byte[] key;

	ReadKeyInterceptor(String key) {
		this.key = key.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String given = request.getHeader(HEADER);
		if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), this.key)) {
			throw new ErrorResponseException(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(
					HttpStatus.UNAUTHORIZED, "this API needs its read key in the " + HEADER + " header"), null);
		}
		return true;
	}

}
