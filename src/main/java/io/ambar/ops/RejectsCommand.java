package io.ambar.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ambar.feed.LedgerText;
import io.ambar.feed.Reject;
import io.ambar.feed.RejectLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * {@code rejects <executionId> [--csv FILE]}: the rejected lines of an execution's job instance (so those of its
 * earlier, failed executions too), as a table or as a CSV file for a spreadsheet.
 */
@Component
class RejectsCommand implements AmbarCommand {

	/** Characters of a raw line shown in the table; the CSV holds it as the ledger does. */
	static final int RAW_WIDTH = 60;

	private static final String ROW = "%8s  %-18s  %-20s  %-40s  %s%n";

	private final JobExecutions executions;

	private final RejectLedger ledger;

	RejectsCommand(JobExecutions executions, RejectLedger ledger) {
		this.executions = executions;
		this.ledger = ledger;
	}

	@Override
	public String name() {
		return "rejects";
	}

	@Override
	public String usage() {
		return "<executionId> [--csv FILE]  show the rejected lines of a run, or write them to a CSV file";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		CommandArguments arguments = CommandArguments.parse(args, Set.of("csv"));
		long id = arguments.executionId("rejects " + usage());
		JobExecution execution = this.executions.byId(id);
		List<Reject> rejects = this.ledger.rejects(execution.getJobInstanceId());
		String csv = arguments.option("csv");
		if (csv != null) {
			Path file = Path.of(csv).toAbsolutePath().normalize();
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				RejectCsv.write(rejects, writer);
			}
			catch (IOException ex) {
				System.err.println("ambar rejects: cannot write " + file + ": " + ex.getMessage());
				return FAILED;
			}
			out.printf(Locale.ROOT, "%,d rejected lines of execution %d written to %s%n", rejects.size(), id, file);
			printCutNote(rejects, out);
			return OK;
		}
		out.printf(Locale.ROOT, "%,d rejected lines of %s execution %d%n", rejects.size(),
				execution.getJobInstance().getJobName(), id);
		if (!rejects.isEmpty()) {
			out.printf(Locale.ROOT, ROW, "LINE", "REASON", "SKU", "DETAIL", "RAW");
			rejects.forEach(reject -> out.printf(Locale.ROOT, ROW, reject.line(), reject.reason(), shown(reject.sku(), 20),
					shown(reject.detail(), Integer.MAX_VALUE), shown(reject.raw(), RAW_WIDTH)));
			printCutNote(rejects, out);
		}
		return OK;
	}

	/** Says how many raw texts the ledger holds only the start of, if any. */
	private static void printCutNote(List<Reject> rejects, PrintStream out) {
		long cut = rejects.stream().filter(reject -> LedgerText.isCut(reject.raw())).count();
		if (cut > 0) {
			out.printf(Locale.ROOT, "note: the raw text of %,d line%s is cut to its first %,d characters, marked "
					+ "'… [cut: N bytes in all]' (raw_cut in the CSV)%n", cut, (cut == 1) ? "" : "s",
					LedgerText.KEPT_CHARS);
		}
	}

	/** The text on one line of a terminal: control characters escaped, cut to the width with a trailing "...". */
	static String shown(@Nullable String text, int width) {
		if (text == null) {
			return "";
		}
		StringBuilder shown = new StringBuilder();
		text.codePoints().forEach(c -> {
			if (Character.isISOControl(c)) {
				shown.append(String.format(Locale.ROOT, "\\u%04x", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return (shown.length() > width) ? shown.substring(0, width - 3) + "..." : shown.toString();
	}

}
