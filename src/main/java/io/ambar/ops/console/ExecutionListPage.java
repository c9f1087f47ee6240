package io.ambar.ops.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionQueries.Filter;
import io.ambar.ops.JobCatalog;
import io.ambar.ops.OperationException;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * Executions, newest first, filtered by job, status, a range of days (in the server's zone, both included) and a
 * parameter value, {@code limit} (50) at a time. The filters are the URL's query, so a link shares them; the next
 * page's link adds the layer's opaque cursor.
 */
@Controller
class ExecutionListPage {

	private final ExecutionQueries queries;

	private final JobCatalog catalog;

	ExecutionListPage(ExecutionQueries queries, JobCatalog catalog) {
		this.queries = queries;
		this.catalog = catalog;
	}

	@GetMapping("/console/executions")
	String executions(@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String parameter,
			@RequestParam(required = false) @Nullable String value,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit,
			Model model, HttpServletResponse response) {
		ZoneId zone = ZoneId.systemDefault();
		model.addAttribute("jobs", this.catalog.names());
		model.addAttribute("statuses", List.of(BatchStatus.values()));
		try {
			Filter filter = new Filter(blankToNull(job), status(status),
					(from != null) ? from.atStartOfDay(zone).toInstant() : null,
					(to != null) ? to.plusDays(1).atStartOfDay(zone).toInstant() : null, blankToNull(parameter),
					blankToNull(value));
			var page = this.queries.list(filter, blankToNull(cursor), limit);
			model.addAttribute("executions", page.items());
			model.addAttribute("next", (page.next() != null) ? withCursor(page.next()) : null);
		}
		catch (OperationException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("executions", List.of());
			model.addAttribute("problem", ex.getMessage());
		}
		model.addAttribute("first", (cursor != null) ? withCursor(null) : null);
		return "console/executions";
	}

	/** This page's URL, path and query, with the cursor replaced (or removed). */
	private static String withCursor(@Nullable String cursor) {
		UriComponents uri = ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("cursor", (cursor != null) ? new Object[] { cursor } : new Object[0])
			.build();
		return uri.getPath() + ((uri.getQuery() != null) ? "?" + uri.getQuery() : "");
	}

	private static @Nullable BatchStatus status(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return BatchStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new OperationException(OperationException.Kind.INVALID, "unknown status '" + text + "'");
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
