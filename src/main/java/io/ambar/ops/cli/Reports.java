package io.ambar.ops.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ambar.feed.FeedSummary;
import io.ambar.ops.AuditLog;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.ExecutionViews.Page;
import io.ambar.ops.ExecutionViews.Progress;
import io.ambar.ops.ExecutionViews.Step;
import io.ambar.ops.ExecutionViews.Summary;
import io.ambar.ops.JobOverview.JobDetail;
import io.ambar.ops.JobOverview.JobState;
import io.ambar.job.ParameterDescription;
import org.jspecify.annotations.Nullable;

/**
 * How the operator commands print what they read, as text for people; the same for local and remote runs.
 */
final class Reports {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneId.systemDefault());

	private Reports() {
	}

	/** What an operator reads after a run: id, status, counts, duration, rows/s, the cause of a failure. */
	static void report(Detail detail, PrintStream out) {
		Summary summary = detail.summary();
		out.printf("%s execution %d: %s%s%n", summary.job(), summary.id(), summary.status(),
				summary.exitCode().equals(summary.status()) ? "" : " (" + summary.exitCode() + ")");
		if (summary.file() != null) {
			out.println("  file        " + summary.file());
		}
		summary.counts()
			.forEach((key, count) -> out.printf(Locale.ROOT, (key.length() > 11) ? "  %s %,d%n" : "  %-11s %,d%n",
					key.startsWith("rejected.") ? "  " + key.substring(9) : key, count));
		if (summary.seconds() != null && summary.ended() != null) {
			double seconds = Math.max(0.001, summary.seconds());
			long read = summary.counts().getOrDefault(FeedSummary.READ, 0L);
			out.printf(Locale.ROOT, "  duration    %.1f s%s%n", seconds,
					(read > 0) ? String.format(Locale.ROOT, ", %,.0f rows/s", read / seconds) : "");
		}
		if (detail.failure() != null) {
			out.println("  reason      " + detail.failure());
		}
		if (summary.counts().getOrDefault(FeedSummary.REJECTED, 0L) > 0) {
			out.println("  rejects     java -jar ambar.jar rejects " + summary.id());
		}
		if (detail.restartable()) {
			out.println("  restart     java -jar ambar.jar restart " + summary.id());
		}
	}

	/** An execution with its parameters, steps, owner and links. */
	static void detail(Detail detail, Console console) {
		PrintStream out = console.out();
		report(detail, out);
		Summary summary = detail.summary();
		out.println("  started     " + time(summary.started()) + ((summary.ended() != null) ? ", ended " + time(summary.ended()) : ""));
		if (detail.progress() != null) {
			out.println("  progress    " + progress(detail.progress()));
		}
		if (detail.owner() != null) {
			out.printf(Locale.ROOT, "  owner       instance %s, pid %d on %s, heartbeat %d s ago (%s)%n",
					detail.owner().instanceId(), detail.owner().pid(), detail.owner().host(),
					detail.owner().heartbeatAgeSeconds(), detail.owner().liveness());
		}
		if (detail.rerunOf() != null) {
			out.println("  re-runs     the rejects of execution " + detail.rerunOf());
		}
		if (!detail.reruns().isEmpty()) {
			out.println("  re-run by   " + detail.reruns());
		}
		out.println("parameters:");
		detail.parameters().forEach((name, value) -> {
			String before = detail.previousParameters().get(name);
			boolean changed = !detail.previousParameters().isEmpty() && !value.equals(before);
			out.println("  " + name + "=" + value + (changed ? "   (was " + ((before != null) ? before : "absent") + ")" : ""));
		});
		Table steps = new Table("STEP", "STATUS", "EXIT CODE", "READ>", "WRITTEN>", "COMMITS>", "SECONDS>", "DETAIL");
		for (Step step : detail.steps()) {
			steps.row(step.name(), step.status(), step.exitCode(), count(step.read()), count(step.written()),
					count(step.commits()), (step.seconds() != null) ? String.format(Locale.ROOT, "%.1f", step.seconds()) : "",
					step.exitDescription());
		}
		out.println("steps:");
		steps.print(out, console.width());
	}

	static void executions(Page<Summary> page, Console console) {
		if (page.items().isEmpty()) {
			console.out().println("no executions");
			return;
		}
		Table table = new Table("ID>", "JOB", "STATUS", "EXIT CODE", "START", "DURATION>", "READ>", "APPLIED>",
				"REJECTED>", "FILE");
		for (Summary summary : page.items()) {
			table.row(summary.id(), summary.job(), summary.status(), summary.exitCode(), time(summary.started()),
					(summary.seconds() != null) ? String.format(Locale.ROOT, "%.1f s", summary.seconds()) : "-",
					count(summary.counts(), FeedSummary.READ), count(summary.counts(), FeedSummary.APPLIED),
					count(summary.counts(), FeedSummary.REJECTED), summary.file());
		}
		table.print(console.out(), console.width());
		if (page.next() != null) {
			console.out().println("more: --cursor " + page.next());
		}
	}

	static void jobs(List<JobState> jobs, Console console) {
		Table table = new Table("JOB", "LAST", "LAST RUN", "LAST SUCCESS", "NEXT FIRE", "WHAT IT DOES");
		for (JobState job : jobs) {
			table.row(job.name(), (job.last() != null) ? job.last().status() + " #" + job.last().id() : "never",
					(job.last() != null) ? time(job.last().started()) : "",
					(job.lastSuccess() != null) ? time(job.lastSuccess().ended()) : "", time(job.nextFire()), job.summary());
		}
		table.print(console.out(), console.width());
	}

	static void job(JobDetail job, Console console) {
		console.out().println(job.description().name() + ": " + job.description().summary());
		Table table = new Table("PARAMETER", "TYPE", "REQUIRED", "DEFAULT", "DOC");
		for (ParameterDescription parameter : job.description().parameters()) {
			if (!parameter.internal()) {
				table.row(parameter.name(), parameter.type().name().toLowerCase(Locale.ROOT)
						+ (parameter.choices().isEmpty() ? "" : " " + parameter.choices()), parameter.required() ? "yes" : "",
						parameter.defaultValue(), parameter.doc());
			}
		}
		table.print(console.out(), console.width());
	}

	static void audit(List<AuditLog.Entry> entries, Console console) {
		Table table = new Table("ID>", "AT", "ACTOR", "CHANNEL", "ACTION", "TARGET", "OUTCOME", "DETAIL");
		for (AuditLog.Entry entry : entries) {
			table.row(entry.id(), time(entry.at()), entry.actor(), entry.channel(), entry.action(), entry.target(),
					entry.outcome(), entry.detail());
		}
		table.print(console.out(), console.width());
	}

	/** One line of live progress: step, items, rows/s and an ETA where the total is known. */
	static String progress(Progress progress) {
		if (progress.items() == 0) {
			return progress.step() + " ...";
		}
		return String.format(Locale.ROOT, "%s %,d items, %,.0f rows/s%s", progress.step(), progress.items(),
				progress.rowsPerSecond(), (progress.etaSeconds() != null && progress.etaSeconds() > 0)
						? ", ETA " + progress.etaSeconds() + "s" : "");
	}

	static String time(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant) : "-";
	}

	private static String count(Map<String, Long> counts, String key) {
		Long count = counts.get(key);
		return (count != null) ? count(count) : "-";
	}

	private static String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

}
