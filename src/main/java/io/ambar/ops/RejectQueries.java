package io.ambar.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.ambar.feed.FeedParameters;
import io.ambar.feed.LedgerText;
import io.ambar.feed.Reject;
import io.ambar.feed.RejectLedger;
import io.ambar.ops.ExecutionViews.Page;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rejected lines of an execution's job instance, for every face: counts by reason, pages in line order, a CSV
 * for a spreadsheet, and a feed in the job's own input format (header included) to fix and run again, linked to
 * the execution by {@code rerun-of}.
 */
@Component
public class RejectQueries {

	private final JobExecutions executions;

	private final RejectLedger ledger;

	private final JdbcClient jdbc;

	RejectQueries(JobExecutions executions, RejectLedger ledger, JdbcClient jdbc) {
		this.executions = executions;
		this.ledger = ledger;
		this.jdbc = jdbc;
	}

	/** One rejected line; {@code rawCut} when the ledger kept only the start of a long line. */
	public record RejectView(long line, String reason, @Nullable String sku, @Nullable String detail, @Nullable String raw,
			boolean rawCut) {
	}

	/** The rejects of an execution, counted by reason, with a page of them. */
	public record Rejects(long executionId, String job, Map<String, Long> byReason, Page<RejectView> page) {
	}

	/** A feed of rejected lines written: how many went in, and how many were too long to be kept whole. */
	public record AsFeed(String fileName, long written, long leftOut) {
	}

	/**
	 * Counts by reason and the page of rejects after a line.
	 * @param after the last line of the page before (the cursor), 0 for the first page
	 */
	public Rejects page(long executionId, long after, int limit) {
		if (limit < 1 || limit > ExecutionQueries.MAX_LIMIT) {
			throw OperationException.invalid("limit must be from 1 to " + ExecutionQueries.MAX_LIMIT + ", not " + limit);
		}
		JobExecution execution = this.executions.byId(executionId);
		List<RejectView> rows = this.jdbc.sql("""
				SELECT line_no, reason, sku, detail, raw FROM feed_reject WHERE job_instance_id = ? AND line_no > ?
				ORDER BY line_no LIMIT ?""")
			.params(execution.getJobInstanceId(), after, limit + 1)
			.query((rs, n) -> new RejectView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), LedgerText.isCut(rs.getString(5))))
			.list();
		String next = (rows.size() > limit) ? Long.toString(rows.get(limit - 1).line()) : null;
		return new Rejects(executionId, execution.getJobInstance().getJobName(),
				this.ledger.countsByReason(execution.getJobInstanceId()),
				new Page<>(rows.subList(0, Math.min(limit, rows.size())), next));
	}

	/** Rejects written as CSV: how many, and how many of them the ledger kept only the start of. */
	public record CsvWritten(long written, long cut) {
	}

	/** Every reject of the execution's instance, as a spreadsheet-safe CSV. */
	public CsvWritten writeCsv(long executionId, Writer out) throws IOException {
		List<Reject> rejects = this.ledger.rejects(this.executions.byId(executionId).getJobInstanceId());
		RejectCsv.write(rejects, out);
		return new CsvWritten(rejects.size(), rejects.stream().filter(reject -> LedgerText.isCut(reject.raw())).count());
	}

	/** The name {@link #writeFeed} suggests: the feed's, with {@code .rejects-<id>} before the extension. */
	public String feedFileName(long executionId) {
		Path file = feedOf(this.executions.byId(executionId));
		String name = file.getFileName().toString().replaceFirst("(?i)\\.gz$", "");
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) + ".rejects-" + executionId + name.substring(dot)
				: name + ".rejects-" + executionId;
	}

	/**
	 * Writes the rejected lines as a feed in the job's input format: for CSV the original header, then the lines
	 * as they were read. A line too long for the ledger to keep whole is left out (and counted). Run it fixed with
	 * {@code rerun-of=<executionId>}.
	 * @throws OperationException CONFLICT when the original CSV, whose header the feed needs, is gone
	 */
	public AsFeed writeFeed(long executionId, Writer out) throws IOException {
		JobExecution execution = this.executions.byId(executionId);
		Path file = feedOf(execution);
		boolean jsonLines = file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jsonl(\\.gz)?");
		if (!jsonLines) {
			out.write(header(file));
			out.write('\n');
		}
		long written = 0;
		long leftOut = 0;
		for (Reject reject : this.ledger.rejects(execution.getJobInstanceId())) {
			if (LedgerText.isCut(reject.raw())) {
				leftOut++;
				continue;
			}
			out.write(reject.raw());
			out.write('\n');
			written++;
		}
		return new AsFeed(feedFileName(executionId), written, leftOut);
	}

	private static Path feedOf(JobExecution execution) {
		String file = execution.getJobParameters().getString(FeedParameters.FILE);
		if (file == null) {
			throw OperationException.conflict("execution " + execution.getId() + " read no feed file");
		}
		return Path.of(file);
	}

	/** The first non-blank line of the feed, without a BOM: its header. */
	private static String header(Path file) throws IOException {
		try (InputStream raw = Files.newInputStream(file);
				InputStream in = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
						? new GZIPInputStream(raw) : raw;
				BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (!line.isBlank()) {
					return line.startsWith("\uFEFF") ? line.substring(1) : line;
				}
			}
			throw OperationException.conflict("the feed " + file + " has no header");
		}
		catch (NoSuchFileException ex) {
			throw OperationException.conflict("the feed " + file + " is gone, and with it the header a feed of its"
					+ " rejects needs; download the rejects as CSV instead");
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
