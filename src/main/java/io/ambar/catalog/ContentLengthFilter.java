package io.ambar.catalog;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives the read API's pages a Content-Length: the JSON converter streams without one, and a server that does not
 * know the length compresses every response, however small, instead of those over
 * {@code server.compression.min-response-size}. A page is at most 500 products, so buffering it costs little.
 */
class ContentLengthFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, buffered);
		}
		finally {
			buffered.copyBodyToResponse();
		}
	}

}
