package io.ambar.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ambar.feed.FeedParameters;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

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
		FileProblems problems = new FileProblems(file);
		String fileName = file.getFileName().toString();
		String name = fileName.substring(0, fileName.length() - SUFFIX.length());
		if (!NAME.matcher(name).matches()) {
			problems.add(null, "name", "'" + name + "' cannot name a schedule: letters, digits, '.', '_' and '-', "
					+ "starting with a letter or digit, at most 100");
		}
		Map<String, NodeTuple> fields = fields(file, problems);
		Field job = new Field("job", fields.get("job"));
		Field cron = new Field("cron", fields.get("cron"));
		Field zone = new Field("zone", fields.get("zone"));
		Field inbox = new Field("inbox", fields.get("inbox"));
		Field misfire = new Field("misfire", fields.get("misfire"));
		Field deadline = new Field("misfire-deadline", fields.get("misfire-deadline"));
		Field overlap = new Field("overlap", fields.get("overlap"));
		Field enabled = new Field("enabled", fields.get("enabled"));
		Map<String, Field> parameters = parameters(fields.get("parameters"), problems);

		Job theJob = null;
		if (job.check(problems, true)) {
			theJob = this.jobs.get(job.text());
			if (theJob == null) {
				problems.add(job, "unknown job '" + job.text() + "' (jobs: " + String.join(", ", this.jobs.keySet()) + ")");
			}
		}
		ZoneId zoneId = ZoneOffset.UTC;
		if (zone.check(problems, false)) {
			try {
				zoneId = ZoneId.of(zone.text());
			}
			catch (DateTimeException ex) {
				problems.add(zone, "unknown time zone '" + zone.text() + "' (a region such as Europe/Istanbul, or UTC)");
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
			problems.add(feed, "an inbox schedule runs the files that arrive in its inbox; remove parameters.file or inbox");
		}
		else if (!fields.containsKey("inbox") && !parameters.containsKey(FeedParameters.FILE)) {
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

	private static Map<String, NodeTuple> fields(Path file, FileProblems problems) {
		Node root;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
		}
		catch (MarkedYAMLException ex) {
			String context = (ex.getContext() != null) ? ex.getContext() + ": " : "";
			// a cron expression starting with * reads as a YAML alias
			String hint = context.contains("alias") ? " (quote a value that starts with *, such as \"* * * * * ?\")"
					: "";
			problems.add(lineOf(ex.getProblemMark()), null,
					"not valid YAML: " + context + ex.getProblem().strip() + hint);
			throw problems.exception();
		}
		catch (YAMLException | IOException ex) {
			problems.add(null, null, "cannot read: " + ex.getMessage());
			throw problems.exception();
		}
		if (!(root instanceof MappingNode mapping)) {
			problems.add((root != null) ? lineOf(root.getStartMark()) : null, null,
					"expected the keys of a schedule (" + String.join(", ", KEYS) + ")");
			throw problems.exception();
		}
		Map<String, NodeTuple> fields = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			String key = (tuple.getKeyNode() instanceof ScalarNode scalar) ? scalar.getValue() : null;
			Integer line = lineOf(tuple.getKeyNode().getStartMark());
			if (key == null || !KEYS.contains(key)) {
				problems.add(line, null, "unknown key " + ((key != null) ? "'" + key + "'" : "(not a name)") + " (keys: "
						+ String.join(", ", KEYS) + ")");
			}
			else if (fields.putIfAbsent(key, tuple) != null) {
				problems.add(line, key, "given twice");
			}
		}
		return fields;
	}

	private static Map<String, Field> parameters(@Nullable NodeTuple tuple, FileProblems problems) {
		// in the file's order, so that problems come in the order of their lines
		Map<String, Field> parameters = new LinkedHashMap<>();
		if (tuple == null) {
			return parameters;
		}
		if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
			problems.add(lineOf(tuple.getValueNode().getStartMark()), "parameters",
					"expected key: value pairs, such as { file: /data/feeds/stock.csv }");
			return parameters;
		}
		for (NodeTuple parameter : mapping.getValue()) {
			String key = (parameter.getKeyNode() instanceof ScalarNode scalar) ? scalar.getValue() : "?";
			Field field = new Field("parameters." + key, parameter);
			if (parameter.getKeyNode() instanceof ScalarNode && parameters.putIfAbsent(key, field) != null) {
				problems.add(field, "given twice");
			}
			else if (SET_BY_SCHEDULER.contains(key)) {
				problems.add(field, "set by the scheduler for each run (schedule, fire-time, as-of = the fire time or "
						+ "an inbox file's modification time, launched-at), not by a schedule");
			}
			else if (!field.isScalar()) {
				problems.add(field, "expected one value");
			}
			else if (!field.present()) {
				problems.add(field, "no value");
			}
		}
		return parameters;
	}

	private void checkCron(Field cron, ZoneId zone, FileProblems problems) {
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
			FileProblems problems) {
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

	private static <T> T oneOf(Field field, T[] values, java.util.function.Function<T, String> text, T absent,
			FileProblems problems) {
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

	private static @Nullable Duration duration(Field field, FileProblems problems) {
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

	private static @Nullable Integer lineOf(@Nullable Mark mark) {
		return (mark != null) ? mark.getLine() + 1 : null;
	}

	/** One field of a schedule file: its name for messages, its value and the line it is on. */
	private record Field(String name, @Nullable NodeTuple tuple) {

		boolean isScalar() {
			return this.tuple != null && this.tuple.getValueNode() instanceof ScalarNode;
		}

		/** Given with a value: {@code key:} alone, {@code ~} and {@code null} are no value. */
		boolean present() {
			return isScalar() && !((ScalarNode) this.tuple.getValueNode()).getTag().equals(Tag.NULL);
		}

		String text() {
			return ((ScalarNode) this.tuple.getValueNode()).getValue().strip();
		}

		@Nullable Integer line() {
			return (this.tuple != null) ? lineOf(this.tuple.getKeyNode().getStartMark()) : null;
		}

		/**
		 * Whether the field has a value; reports it when it is missing but required, given without a value, or
		 * given more than one.
		 */
		boolean check(FileProblems problems, boolean required) {
			if (present()) {
				return true;
			}
			if (this.tuple == null) {
				if (required) {
					problems.add(this, "missing");
				}
			}
			else {
				problems.add(this, isScalar() ? "no value" : "expected one value");
			}
			return false;
		}

	}

	/** The problems of one file, each as {@code path:line: field: message}. */
	private static final class FileProblems {

		private final Path file;

		private final List<String> problems = new ArrayList<>();

		FileProblems(Path file) {
			this.file = file;
		}

		void add(@Nullable Field field, String message) {
			add((field != null) ? field.line() : null, (field != null) ? field.name() : null, message);
		}

		void add(@Nullable Integer line, @Nullable String field, String message) {
			this.problems.add(this.file + ((line != null) ? ":" + line : "") + ": " + ((field != null) ? field + ": " : "")
					+ message);
		}

		boolean isEmpty() {
			return this.problems.isEmpty();
		}

		ScheduleFileException exception() {
			return new ScheduleFileException(this.problems);
		}

		void throwIfAny() {
			if (!this.problems.isEmpty()) {
				throw exception();
			}
		}

	}

}
