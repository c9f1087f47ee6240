package io.ambar.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.ambar.AmbarApplication;

import org.springframework.batch.core.job.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Times the console's pages with many past executions: runs a stock-update on a small feed with a few rejects as
 * the template, inserts {@code past} executions as the repository scenario does ({@link PastExecutions}), gives the
 * newest completed one 10,000 rejects and leaves three as orphans, starts Ambar as a web server on a free port of
 * this machine on the same database, logs in as an operator, and times each page (its whole answer, over HTTP on
 * the loopback), the median of {@code reps} after two requests to warm up.
 * <p>
 * Empties the job repository and the catalogue of the database it runs in, before and after: the bench's own.
 */
final class ConsoleBench {

	/** The console's target: each page answers within this with 100,000 executions. */
	static final double TARGET_MILLIS = 200;

	private static final int WARM_UP = 2;

	/** The rejects of the execution whose pages are timed. */
	private static final int REJECTS = 10_000;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern NEXT = Pattern.compile("href=\"([^\"]*cursor=[^\"]*)\" rel=\"next\"");

	private final BenchOptions options;

	private final ApplicationContext application;

	private final DataSource dataSource;

	private final JobStarter jobs;

	ConsoleBench(BenchOptions options, ApplicationContext application, DataSource dataSource, JobStarter jobs) {
		this.options = options;
		this.application = application;
		this.dataSource = dataSource;
		this.jobs = jobs;
	}

	/** One page's timings, in milliseconds, sorted; none when it did not answer 200. */
	record PageTiming(String page, String path, double[] millis, String problem) {

		double median() {
			return this.millis[this.millis.length / 2];
		}

		double max() {
			return this.millis[this.millis.length - 1];
		}

		boolean measured() {
			return this.millis.length > 0;
		}

	}

	/**
	 * What was timed, with what repository.
	 *
	 * @param inserted the rows the past executions took, all tables together
	 */
	record Result(int executions, long steps, long inserted, double seedSeconds, int requests, List<PageTiming> pages) {
	}

	/** The execution whose page and rejects are timed, and the file it names. */
	private record Sample(long executionId, long instanceId, String file) {
	}

	Result run() throws Exception {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		PastExecutions past = new PastExecutions(jdbc);
		Catalogue catalogue = new Catalogue(this.dataSource);
		past.empty();
		try {
			long template = template(catalogue);
			long started = System.nanoTime();
			long inserted = past.insert(this.options.pastExecutions(), template);
			double seedSeconds = (System.nanoTime() - started) / 1e9;
			Sample sample = sampleWithRejects(jdbc);
			orphans(jdbc);
			int executions = jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Integer.class).single();
			long steps = jdbc.sql("SELECT count(*) FROM batch_step_execution").query(Long.class).single();
			System.err.printf("bench: %,d past executions (%,d rows) inserted in %.1f s%n", this.options.pastExecutions(),
					inserted, seedSeconds);
			String password = password();
			try (ConfigurableApplicationContext server = server(password)) {
				int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
				Session session = new Session(port);
				session.login("operator", password);
				List<PageTiming> timings = new ArrayList<>();
				for (Map.Entry<String, String> page : pages(sample, session).entrySet()) {
					timings.add(time(session, page.getKey(), page.getValue()));
				}
				return new Result(executions, steps, inserted, seedSeconds, this.options.repetitions(), timings);
			}
		}
		finally {
			past.empty();
			catalogue.empty();
		}
	}

	/** Runs stock-update on a small feed, three of its lines rejected: the execution the past ones copy. */
	private long template(Catalogue catalogue) throws Exception {
		Path dir = Files.createDirectories(this.options.dir().resolve("console"));
		FeedGenerator generator = new FeedGenerator(2_000, this.options.seed());
		Path products = dir.resolve("catalogue.csv");
		generator.writeCatalogue(products);
		catalogue.load(products);
		Path stock = dir.resolve("stock.csv");
		generator.writeStockFeed(stock, 10);
		Files.writeString(stock, "NOT-A-SKU-1,5\n" + FeedGenerator.sku(1) + ",x\n" + FeedGenerator.sku(2) + ",-3\n",
				StandardOpenOption.APPEND);
		this.jobs.run(this.application.getBean("stockUpdateJob", Job.class), stock);
		return JdbcClient.create(this.dataSource)
			.sql("SELECT max(job_execution_id) FROM batch_job_execution")
			.query(Long.class)
			.single();
	}

	/** The newest completed stock-update, its rejects replaced by {@value #REJECTS} lines. */
	private static Sample sampleWithRejects(JdbcClient jdbc) {
		Sample sample = jdbc.sql("""
				SELECT e.job_execution_id, e.job_instance_id, p.parameter_value FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'file'
				WHERE i.job_name = 'stock-update' AND e.status = 'COMPLETED' ORDER BY e.job_execution_id DESC LIMIT 1""")
			.query((rs, row) -> new Sample(rs.getLong(1), rs.getLong(2), rs.getString(3)))
			.single();
		jdbc.sql("DELETE FROM feed_reject WHERE job_instance_id = ?").param(sample.instanceId()).update();
		jdbc.sql("""
				INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw)
				SELECT ?, ?, 'stock-update', ?, g + 1, 'SKU-' || g,
				       CASE WHEN g % 3 = 0 THEN 'UNKNOWN_SKU' ELSE 'INVALID_QUANTITY' END,
				       'quantity ''x'' is not a whole number from 0 to 2147483647', 'SKU-' || g || ',x'
				FROM generate_series(1, ?) g""")
			.params(sample.instanceId(), sample.executionId(), sample.file(), REJECTS)
			.update();
		jdbc.sql("ANALYZE feed_reject").update();
		return sample;
	}

	/** The three newest product-sync executions left STARTED an hour ago with no owner, as a crash leaves them. */
	private static void orphans(JdbcClient jdbc) {
		jdbc.sql("""
				UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL,
				       last_updated = localtimestamp - interval '1 hour'
				WHERE job_execution_id IN (SELECT e.job_execution_id FROM batch_job_execution e
				      JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				      WHERE i.job_name = 'product-sync' ORDER BY e.job_execution_id DESC LIMIT 3)""").update();
	}

	/** Ambar as {@code server} runs it, on a free port, on the bench's database; no recovery to race the orphans. */
	private ConfigurableApplicationContext server(String password) {
		Environment environment = this.application.getEnvironment();
		List<String> arguments = new ArrayList<>(List.of("--spring.main.web-application-type=servlet", "--server.port=0",
				"--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
				"--ambar.recovery.enabled=false", "--ambar.security.operator-password=" + password,
				"--logging.threshold.console=OFF"));
		for (String key : new String[] { "spring.datasource.username", "spring.datasource.password" }) {
			String value = environment.getProperty(key);
			if (value != null) {
				arguments.add("--" + key + "=" + value);
			}
		}
		return new SpringApplicationBuilder(AmbarApplication.class).run(arguments.toArray(String[]::new));
	}

	/** The pages timed, by name: each list and filter of the executions, one execution, its rejects, and the rest. */
	private static Map<String, String> pages(Sample sample, Session session) throws Exception {
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("overview", "/console");
		pages.put("overview: running (polled)", "/console/running");
		pages.put("executions", "/console/executions");
		Matcher next = NEXT.matcher(session.get("/console/executions").body());
		if (next.find()) {
			pages.put("executions: next page", next.group(1).replace("&amp;", "&"));
		}
		pages.put("executions: job and status", "/console/executions?job=stock-update&status=FAILED");
		pages.put("executions: parameter value", "/console/executions?parameter=file&value="
				+ URLEncoder.encode(sample.file(), StandardCharsets.UTF_8));
		LocalDate today = LocalDate.now();
		pages.put("executions: 30 days, a quarter ago", "/console/executions?from=" + today.minusDays(120) + "&to="
				+ today.minusDays(90));
		pages.put("execution", "/console/executions/" + sample.executionId());
		pages.put("rejects", "/console/executions/" + sample.executionId() + "/rejects");
		pages.put("rejects: lines 5,001-5,100", "/console/executions/" + sample.executionId() + "/rejects?after=5000");
		pages.put("launch form", "/console/jobs/stock-update/launch");
		pages.put("schedules", "/console/schedules");
		pages.put("orphans", "/console/orphans");
		pages.put("audit log", "/console/audit");
		return pages;
	}

	private PageTiming time(Session session, String page, String path) throws Exception {
		for (int i = 0; i < WARM_UP; i++) {
			HttpResponse<String> response = session.get(path);
			if (response.statusCode() != 200) {
				return new PageTiming(page, path, new double[0], "failed: HTTP " + response.statusCode());
			}
		}
		double[] millis = new double[this.options.repetitions()];
		for (int i = 0; i < millis.length; i++) {
			long started = System.nanoTime();
			session.get(path);
			millis[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(millis);
		System.err.printf("bench: console %s: median %.1f ms%n", page, millis[millis.length / 2]);
		return new PageTiming(page, path, millis, "");
	}

	private static String password() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/** A logged-in browser's session over plain HTTP: a cookie jar and the login form. */
	private static final class Session {

		private final String base;

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		Session(int port) {
			this.base = "http://localhost:" + port;
		}

		void login(String user, String password) throws Exception {
			Matcher csrf = CSRF.matcher(get("/login").body());
			if (!csrf.find()) {
				throw new IllegalStateException("the login page has no CSRF token");
			}
			String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
					+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			HttpResponse<String> loggedIn = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (loggedIn.headers().firstValue("Location").filter(location -> location.endsWith("/console")).isEmpty()) {
				throw new IllegalStateException("could not log in to the console: HTTP " + loggedIn.statusCode());
			}
		}

		HttpResponse<String> get(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", "text/html").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

	}

}
