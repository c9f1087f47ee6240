package io.ambar.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ambar.feed.FeedParameters;
import org.jspecify.annotations.Nullable;
import io.ambar.schedule.ScheduleYaml.Field;
import io.ambar.schedule.ScheduleYaml.Problems;
import org.quartz.CronExpression;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The schedule directory: every {@code *.yml} file directly in it is a schedule (the sample feeds beside them and
 * subdirectories are not). Reading checks everything a firing will rely on, so that a bad file stops a server's
 * start instead of failing at 02:00: the YAML, the keys, the cron expression, the zone, the job, and the parameters
 * with the job's own validator.
 */
@Component
class ScheduleFiles {

	static final String SUFFIX = ".yml";

	/** The keys of a schedule file, in the order the messages list them. */
	static final List<String> KEYS = List.of("job", "cron", "zone", "parameters", "inbox", "misfire",
			"misfire-deadline", "overlap", "enabled");

	/** Parameters the scheduler sets for every run; a schedule cannot. */
	static final Set<String> SET_BY_SCHEDULER = Set.of(FeedParameters.SCHEDULE, FeedParameters.FIRE_TIME,
			FeedParameters.AS_OF, FeedParameters.LAUNCHED_AT, FeedParameters.RUN_ID);

	/** A Quartz job name, and readable in a file name and a log line. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private final Path dir;

	private final Map<String, Job> jobs = new TreeMap<>();

	private final Clock clock;

	ScheduleFiles(ScheduleProperties properties, List<Job> jobs, Clock clock) {
		this.dir = properties.dir();
		jobs.forEach(job -> this.jobs.put(job.getName(), job));
		this.clock = clock;
	}

	/** The schedule directory, as configured. */
	Path dir() {
		return this.dir;
	}

	/**
	 * Reads every schedule file, in name order.
	 * @throws ScheduleFileException listing every problem of every file, or saying that the directory is missing (a
	 * server started in the wrong directory must not take that for "no schedules" and delete them all)
	 */
	List<Schedule> read() {
		if (!Files.isDirectory(this.dir)) {
			throw new ScheduleFileException(List.of(this.dir + ": no such directory (set ambar.schedule.dir to the "
					+ "directory of the schedule files)"));
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(this.dir)) {
			files = listing.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new ScheduleFileException(List.of(this.dir + ": cannot list: " + ex.getMessage()));
		}
		List<String> problems = new ArrayList<>();
		List<Schedule> schedules = new ArrayList<>();
		for (Path file : files) {
			try {
				schedules.add(read(file));
			}
			catch (ScheduleFileException ex) {
				problems.addAll(ex.problems());
			}
		}
		if (!problems.isEmpty()) {
			throw new ScheduleFileException(problems);
		}
		return schedules;
	}

	/**
	 * Reads one schedule file.
	 * @throws ScheduleFileException listing the file's problems
	 */
	Schedule read(Path file) {
		Problems problems = new Problems(file);
		String fileName = file.getFileName().toString();
		String name = fileName.substring(0, fileName.length() - SUFFIX.length());
		if (!NAME.matcher(name).matches()) {
			problems.add(null, "name", "'" + name + "' cannot name a schedule: letters, digits, '.', '_' and '-', "
					+ "starting with a letter or digit, at most 100");
		}
		ScheduleYaml yaml = ScheduleYaml.read(file, KEYS, problems);
		Field job = yaml.field("job");
		Field cron = yaml.field("cron");
		Field zone = yaml.field("zone");
		Field inbox = yaml.field("inbox");
		Field misfire = yaml.field("misfire");
		Field deadline = yaml.field("misfire-deadline");
		Field overlap = yaml.field("overlap");
		Field enabled = yaml.field("enabled");
		Map<String, Field> parameters = parameters(yaml, problems);

		Job theJob = null;
		if (job.check(problems, true)) {
			theJob = this.jobs.get(job.text());
			if (theJob == null) {
				problems.add(job,
						"unknown job '" + job.text() + "' (jobs: " + String.join(", ", this.jobs.keySet()) + ")");
			}
		}
		ZoneId zoneId = ZoneOffset.UTC;
		if (zone.check(problems, false)) {
			try {
				zoneId = ZoneId.of(zone.text());
			}
			catch (DateTimeException ex) {
				problems.add(zone,
						"unknown time zone '" + zone.text() + "' (a region such as Europe/Istanbul, or UTC)");
			}
		}
		if (cron.check(problems, true)) {
			checkCron(cron, zoneId, problems);
		}
		Schedule.Misfire misfirePolicy = oneOf(misfire, Schedule.Misfire.values(), Schedule.Misfire::text,
				Schedule.Misfire.SKIP, problems);
		Duration misfireDeadline = null;
		if (deadline.check(problems, false)) {
			misfireDeadline = duration(deadline, problems);
			if (misfirePolicy != Schedule.Misfire.RUN_ONCE) {
				problems.add(deadline, "applies only to misfire: run-once (a skipped time is never run late)");
			}
		}
		Schedule.Overlap overlapPolicy = oneOf(overlap, Schedule.Overlap.values(), Schedule.Overlap::text,
				Schedule.Overlap.FORBID, problems);
		boolean isEnabled = oneOf(enabled, new Boolean[] { true, false }, String::valueOf, true, problems);
		Path inboxDir = inbox.check(problems, false) ? Path.of(inbox.text()).toAbsolutePath().normalize() : null;
		Field feed = parameters.get(FeedParameters.FILE);
		if (inboxDir != null && feed != null) {
			problems.add(feed,
					"an inbox schedule runs the files that arrive in its inbox; remove parameters.file or inbox");
		}
		else if (inbox.tuple() == null && !yaml.parameters().containsKey(FeedParameters.FILE)) {
			problems.add(null, "parameters.file", "missing: name the feed in parameters.file, or a directory in inbox");
		}
		if (problems.isEmpty()) {
			checkParameters(theJob, name, parameters, inboxDir, problems);
		}
		problems.throwIfAny();
		Map<String, String> values = new TreeMap<>();
		// a relative feed is the server's working directory's, as a relative inbox is
		parameters.forEach((key, field) -> values.put(key, key.equals(FeedParameters.FILE)
				? Path.of(field.text()).toAbsolutePath().normalize().toString() : field.text()));
		return new Schedule(name, job.text(), cron.text(), zoneId, values, inboxDir, misfirePolicy, misfireDeadline,
				overlapPolicy, isEnabled);
	}

	/** The parameters with one value each; one that the scheduler sets, or without one value, is a problem. */
	private static Map<String, Field> parameters(ScheduleYaml yaml, Problems problems) {
		Map<String, Field> parameters = new LinkedHashMap<>();
		yaml.parameters().forEach((key, field) -> {
			if (SET_BY_SCHEDULER.contains(key)) {
				problems.add(field, "set by the scheduler for each run (schedule, fire-time, as-of = the fire time or "
						+ "an inbox file's modification time, launched-at), not by a schedule");
			}
			else if (field.check(problems, true)) {
				parameters.put(key, field);
			}
		});
		return parameters;
	}

	private void checkCron(Field cron, ZoneId zone, Problems problems) {
		CronExpression expression;
		try {
			expression = new CronExpression(cron.text());
		}
		catch (ParseException ex) {
			problems.add(cron, "'" + cron.text() + "' is not a Quartz cron expression (seconds first, such as "
					+ "\"0 0 2 * * ?\"): " + ex.getMessage());
			return;
		}
		expression.setTimeZone(TimeZone.getTimeZone(zone));
		Instant now = this.clock.instant();
		if (expression.getNextValidTimeAfter(Date.from(now)) == null) {
			problems.add(cron, "'" + cron.text() + "' never fires after " + now);
		}
	}

	/**
	 * Checks the parameters with the job's own validator, as a firing will give them (the scheduler's own ones
	 * included), and names the parameter at fault: each is tried on its own beside the ones every run has.
	 */
	private void checkParameters(Job job, String name, Map<String, Field> parameters, @Nullable Path inbox,
			Problems problems) {
		String now = this.clock.instant().toString();
		JobParametersBuilder base = new JobParametersBuilder().addString(FeedParameters.SCHEDULE, name)
			.addString(FeedParameters.FIRE_TIME, now)
			.addString(FeedParameters.AS_OF, now, false)
			.addString(FeedParameters.LAUNCHED_AT, now, false);
		Field file = parameters.get(FeedParameters.FILE);
		base.addString(FeedParameters.FILE,
				(inbox != null) ? inbox.resolve("arriving-feed.csv").toString() : file.text());
		String baseProblem = invalid(job, base);
		if (baseProblem != null) {
			problems.add(file, baseProblem);
			return;
		}
		boolean named = false;
		for (Map.Entry<String, Field> parameter : parameters.entrySet()) {
			if (parameter.getValue() == file) {
				continue;
			}
			String problem = invalid(job, new JobParametersBuilder(base.toJobParameters())
				.addString(parameter.getKey(), parameter.getValue().text(), false));
			if (problem != null) {
				problems.add(parameter.getValue(), problem);
				named = true;
			}
		}
		if (!named) {
			JobParametersBuilder all = new JobParametersBuilder(base.toJobParameters());
			parameters.forEach((key, field) -> all.addString(key, field.text(), false));
			String problem = invalid(job, all);
			if (problem != null) {
				problems.add(null, "parameters", problem);
			}
		}
	}

	private static @Nullable String invalid(Job job, JobParametersBuilder parameters) {
		try {
			job.getJobParametersValidator().validate(parameters.toJobParameters());
			return null;
		}
		catch (InvalidJobParametersException ex) {
			return ex.getMessage();
		}
	}

	private static <T> T oneOf(Field field, T[] values, Function<T, String> text, T absent,
			Problems problems) {
		if (!field.check(problems, false)) {
			return absent;
		}
		for (T value : values) {
			if (text.apply(value).equals(field.text())) {
				return value;
			}
		}
		problems.add(field, "'" + field.text() + "' is not one of "
				+ String.join(", ", Stream.of(values).map(text).toList()));
		return absent;
	}

	private static @Nullable Duration duration(Field field, Problems problems) {
		try {
			Duration duration = DurationStyle.detectAndParse(field.text());
			if (!duration.isNegative() && !duration.isZero()) {
				return duration;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		problems.add(field, "'" + field.text() + "' is not a positive duration (such as 30m, 4h, 1d)");
		return null;
	}

}
