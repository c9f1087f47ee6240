package io.ambar.ops.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.ambar.feed.LedgerText;
import io.ambar.ops.RejectQueries;

/**
 * {@code rejects <executionId> [--csv FILE | --as-feed FILE] [--after LINE] [--limit N]}: the rejected lines of an
 * execution's job instance (its earlier, failed executions' too): counts by reason and a page of lines; or every
 * line as a CSV for a spreadsheet; or as a feed in the job's own format to fix and run again with
 * {@code rerun-of=<executionId>}.
 */
final class RejectsCommand implements ClientCommand {

	@Override
	public String name() {
		return "rejects";
	}

	@Override
	public String usage() {
		return "<executionId> [--csv FILE | --as-feed FILE] [--after LINE] [--limit N]  the rejected lines of a run";
	}

	@Override
	public Set<String> options() {
		return Set.of("csv", "as-feed", "after", "limit");
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) throws Exception {
		long id = arguments.executionId("rejects " + usage());
		String csv = arguments.option("csv");
		String asFeed = arguments.option("as-feed");
		if (csv != null && asFeed != null) {
			throw new UsageException("--csv or --as-feed, not both");
		}
		if (csv != null) {
			Path file = Path.of(csv).toAbsolutePath().normalize();
			RejectQueries.CsvWritten written = client.rejectsCsv(id, file);
			console.out().printf(Locale.ROOT, "%,d rejected lines of execution %d written to %s%n", written.written(), id,
					file);
			printCutNote(written.cut(), console);
			return OK;
		}
		if (asFeed != null) {
			Path file = Path.of(asFeed).toAbsolutePath().normalize();
			RejectQueries.AsFeed feed = client.rejectsFeed(id, file);
			console.out().printf(Locale.ROOT, "%,d rejected lines of execution %d written to %s as a feed%s%n",
					feed.written(), id, file, (feed.leftOut() > 0)
							? String.format(Locale.ROOT, " (%,d too long to keep whole were left out)", feed.leftOut()) : "");
			console.out().println("fix it, then: java -jar ambar.jar run <job> file=" + file + " rerun-of=" + id);
			return OK;
		}
		RejectQueries.Rejects rejects = client.rejects(id, number(arguments.option("after"), 0),
				(int) number(arguments.option("limit"), 100));
		if (console.json()) {
			console.printJson(rejects);
			return OK;
		}
		long total = rejects.byReason().values().stream().mapToLong(Long::longValue).sum();
		console.out().printf(Locale.ROOT, "%,d rejected lines of %s execution %d%s%n", total, rejects.job(), id,
				rejects.byReason().isEmpty() ? "" : " " + rejects.byReason());
		if (!rejects.page().items().isEmpty()) {
			Table table = new Table("LINE>", "REASON", "SKU", "DETAIL", "RAW");
			rejects.page().items().forEach(reject -> table.row(reject.line(), reject.reason(), reject.sku(), reject.detail(),
					reject.raw()));
			table.print(console.out(), console.width());
			printCutNote(rejects.page().items().stream().filter(RejectQueries.RejectView::rawCut).count(), console);
		}
		if (rejects.page().next() != null) {
			console.out().println("more: --after " + rejects.page().next());
		}
		return OK;
	}

	/** Says how many raw texts the ledger holds only the start of, if any. */
	private static void printCutNote(long cut, Console console) {
		if (cut > 0) {
			console.out().printf(Locale.ROOT, "note: the raw text of %,d line%s is cut to its first %,d characters,"
					+ " marked '… [cut: N bytes in all]' (raw_cut in the CSV)%n", cut, (cut == 1) ? "" : "s",
					LedgerText.KEPT_CHARS);
		}
	}

	private static long number(String text, long otherwise) {
		if (text == null) {
			return otherwise;
		}
		if (!text.matches("[0-9]{1,18}")) {
			throw new UsageException("expected a whole number, not '" + text + "'");
		}
		return Long.parseLong(text);
	}

}
