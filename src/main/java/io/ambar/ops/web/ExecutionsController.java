package io.ambar.ops.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.ambar.ops.ExecutionActions;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.ExecutionViews.Page;
import io.ambar.ops.ExecutionViews.Summary;
import io.ambar.ops.JobRestarts;
import io.ambar.ops.OperationException;
import io.ambar.ops.RejectQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.batch.core.BatchStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Executions: lists (filtered by job, status, time range and a parameter value; keyset pages, newest first), the
 * detail of one with its steps, progress and owner, its rejects (JSON pages, a CSV, or a feed to fix and re-run),
 * and the actions stop, restart, abandon and recover.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/executions")
class ExecutionsController {

	private final ExecutionQueries queries;

	private final RejectQueries rejects;

	private final JobRestarts restarts;

	private final ExecutionActions actions;

	ExecutionsController(ExecutionQueries queries, RejectQueries rejects, JobRestarts restarts, ExecutionActions actions) {
		this.queries = queries;
		this.rejects = rejects;
		this.restarts = restarts;
		this.actions = actions;
	}

	/**
	 * @param parameter with {@code value}: only executions launched with that parameter value
	 * @param cursor the {@code next} of the page before
	 */
	@GetMapping
	Page<Summary> executions(@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(required = false) @Nullable String parameter,
			@RequestParam(required = false) @Nullable String value, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		return this.queries.list(new ExecutionQueries.Filter(job, status(status), from, to, parameter, value), cursor,
				limit);
	}

	@GetMapping("/{id}")
	Detail execution(@PathVariable long id) {
		return this.queries.detail(id);
	}

	/** Counts by reason and a page of rejected lines; {@code after} is the last line of the page before. */
	@GetMapping("/{id}/rejects")
	RejectQueries.Rejects rejects(@PathVariable long id, @RequestParam(defaultValue = "0") long after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.rejects.page(id, after, limit);
	}

	/** Every rejected line as a spreadsheet-safe CSV download. */
	@GetMapping("/{id}/rejects.csv")
	void rejectsCsv(@PathVariable long id, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				ContentDisposition.attachment().filename("rejects-" + id + ".csv").build().toString());
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			this.rejects.writeCsv(id, out);
		}
	}

	/**
	 * The rejected lines as a feed in the job's own format, header included, to fix and run again with
	 * {@code rerun-of=<id>}; lines too long to be kept whole are left out, counted in {@code X-Ambar-Left-Out}.
	 */
	@GetMapping("/{id}/rejects/feed")
	void rejectsAsFeed(@PathVariable long id, HttpServletResponse response) throws IOException {
		String name = this.rejects.feedFileName(id);
		java.io.StringWriter feed = new java.io.StringWriter();
		RejectQueries.AsFeed written = this.rejects.writeFeed(id, feed);
		response.setContentType((name.endsWith(".jsonl") ? "application/jsonl" : "text/csv") + ";charset=UTF-8");
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString());
		response.setHeader("X-Ambar-Left-Out", Long.toString(written.leftOut()));
		response.getOutputStream().write(feed.toString().getBytes(StandardCharsets.UTF_8));
	}

	@PostMapping("/{id}/stop")
	Action stop(@PathVariable long id, Authentication authentication) {
		return new Action(id, this.actions.stop(id, Actors.api(authentication)), null);
	}

	/** Restarts in the background: 202 with the new execution's location. */
	@PostMapping("/{id}/restart")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ResponseEntity<Action> restart(@PathVariable long id, Authentication authentication) {
		JobRestarts.Restarted restarted = this.restarts.restart(id, Actors.api(authentication), false);
		long execution = restarted.execution().getId();
		String message = "execution " + execution + " restarts execution " + id
				+ ((restarted.recovered() != null) ? " (first marked FAILED: " + restarted.recovered() + ")" : "");
		return ResponseEntity.accepted()
			.location(java.net.URI.create("/api/executions/" + execution))
			.body(new Action(id, message, execution));
	}

	/** Closes the execution's job instance for good: a new run needs new parameters. */
	@PostMapping("/{id}/abandon")
	Action abandon(@PathVariable long id, Authentication authentication) {
		return new Action(id, this.actions.abandon(id, Actors.api(authentication)), null);
	}

	@PostMapping("/{id}/recover")
	Action recover(@PathVariable long id, Authentication authentication) {
		return new Action(id, this.actions.recover(id, Actors.api(authentication)), null);
	}

	/**
	 * What an action did, in words.
	 *
	 * @param started the execution an action started (a restart), else null
	 */
	record Action(long execution, String message, @Nullable Long started) {
	}

	private static @Nullable BatchStatus status(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return BatchStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new OperationException(OperationException.Kind.INVALID,
					"unknown status '" + text + "' (statuses: " + java.util.List.of(BatchStatus.values()) + ")");
		}
	}

}
