package io.ambar.ops.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.ambar.ops.AuditLog;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.ExecutionViews.Page;
import io.ambar.ops.ExecutionViews.Summary;
import io.ambar.ops.JobOverview;
import io.ambar.ops.OperationException;
import io.ambar.ops.OperationException.Kind;
import io.ambar.ops.RejectQueries;
import io.ambar.ops.Schedules;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator commands' client against a running {@code server}: the operator API over HTTP with Basic
 * credentials, no Spring context (a command answers in a fraction of a second). Problem details come back as the
 * {@link OperationException}s the operations layer threw on the server.
 */
final class RemoteOperatorClient implements OperatorClient {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final URI server;

	private final @Nullable String authorization;

	private final HttpClient http;

	/**
	 * @param user {@code name} or {@code name:password}; the password, when not in it, comes from
	 * {@code AMBAR_PASSWORD}; null for none
	 */
	RemoteOperatorClient(String server, @Nullable String user, @Nullable String password) {
		this.server = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
		this.http = httpClient(this.server);
		if (user == null) {
			this.authorization = null;
		}
		else {
			String credentials = user.contains(":") ? user : user + ":" + ((password != null) ? password : "");
			this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Override
	public List<JobOverview.JobState> jobs() {
		return read(get("/api/jobs"), new TypeReference<>() {
		});
	}

	@Override
	public JobOverview.JobDetail job(String name) {
		return read(get("/api/jobs/" + encode(name)), new TypeReference<>() {
		});
	}

	@Override
	public Page<Summary> executions(ExecutionQueries.Filter filter, @Nullable String cursor, int limit) {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("job", filter.job());
		query.put("status", (filter.status() != null) ? filter.status().name() : null);
		query.put("from", filter.from());
		query.put("to", filter.to());
		query.put("parameter", filter.parameter());
		query.put("value", filter.value());
		query.put("cursor", cursor);
		query.put("limit", limit);
		return read(get("/api/executions" + query(query)), new TypeReference<>() {
		});
	}

	@Override
	public Detail execution(long id) {
		return read(get("/api/executions/" + id), new TypeReference<>() {
		});
	}

	@Override
	public long launch(String job, Map<String, String> parameters) {
		String body = JSON.writeValueAsString(Map.of("parameters", parameters));
		return tree(post("/api/jobs/" + encode(job) + "/executions", body)).get("id").asLong();
	}

	@Override
	public Started restart(long id) {
		JsonNode action = tree(post("/api/executions/" + id + "/restart", ""));
		String message = action.get("message").asString();
		return new Started(action.get("started").asLong(), message.contains("first marked FAILED") ? message : null);
	}

	@Override
	public String stop(long id) {
		return action(id, "stop");
	}

	@Override
	public String abandon(long id) {
		return action(id, "abandon");
	}

	@Override
	public String recover(long id) {
		return action(id, "recover");
	}

	@Override
	public RejectQueries.Rejects rejects(long id, long after, int limit) {
		return read(get("/api/executions/" + id + "/rejects?after=" + after + "&limit=" + limit), new TypeReference<>() {
		});
	}

	@Override
	public RejectQueries.CsvWritten rejectsCsv(long id, Path file) throws IOException {
		String csv = get("/api/executions/" + id + "/rejects.csv").body();
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		// every record ends with CRLF, the header's too; raw_cut is the last cell
		String[] records = csv.split("\r\n");
		long cut = java.util.Arrays.stream(records).skip(1).filter(record -> record.endsWith(",true")).count();
		return new RejectQueries.CsvWritten(Math.max(0, records.length - 1), cut);
	}

	@Override
	public RejectQueries.AsFeed rejectsFeed(long id, Path file) throws IOException {
		HttpResponse<String> response = get("/api/executions/" + id + "/rejects/feed");
		Files.writeString(file, response.body(), StandardCharsets.UTF_8);
		String disposition = response.headers().firstValue("Content-Disposition").orElse("");
		String name = disposition.replaceFirst(".*filename=\"?([^\";]+)\"?.*", "$1");
		long lines = response.body().lines().count();
		boolean header = !name.endsWith(".jsonl");
		long leftOut = Long.parseLong(response.headers().firstValue("X-Ambar-Left-Out").orElse("0"));
		return new RejectQueries.AsFeed(name, header ? Math.max(0, lines - 1) : lines, leftOut);
	}

	@Override
	public List<AuditLog.Entry> audit(@Nullable Long before, int limit) {
		return read(get("/api/audit" + query(mapOf("before", before, "limit", limit))), new TypeReference<>() {
		});
	}

	private String action(long id, String action) {
		return tree(post("/api/executions/" + id + "/" + action, "")).get("message").asString();
	}

	private HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	private HttpResponse<String> post(String path, String body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json");
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (ConnectException ex) {
			throw new OperationException(Kind.CONFLICT, "cannot reach the server at " + this.server + " (is it running?)");
		}
		catch (IOException ex) {
			throw new OperationException(Kind.CONFLICT, "cannot reach the server at " + this.server + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OperationException(Kind.CONFLICT, "interrupted");
		}
		if (response.statusCode() >= 400) {
			throw refusal(response);
		}
		return response;
	}

	/** The problem detail of a refused request, as the operations layer's exception. */
	private OperationException refusal(HttpResponse<String> response) {
		String detail;
		try {
			JsonNode problem = JSON.readTree(response.body());
			detail = problem.has("detail") ? problem.get("detail").asString() : response.body();
		}
		catch (RuntimeException ex) {
			detail = "HTTP " + response.statusCode();
		}
		return switch (response.statusCode()) {
			case 401 -> new OperationException(Kind.INVALID, detail + " (--user NAME:PASSWORD, or AMBAR_USER and AMBAR_PASSWORD)");
			case 404 -> new OperationException(Kind.NOT_FOUND, detail);
			case 409 -> new OperationException(Kind.CONFLICT, detail);
			default -> new OperationException((response.statusCode() < 500) ? Kind.INVALID : Kind.CONFLICT, detail);
		};
	}

	private static <T> T read(HttpResponse<String> response, TypeReference<T> type) {
		return JSON.readValue(response.body(), type);
	}

	private static JsonNode tree(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String query(Map<String, @Nullable Object> parameters) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		parameters.forEach((name, value) -> {
			if (value != null) {
				query.add(name + "=" + encode(value.toString()));
			}
		});
		return query.toString();
	}

	private static Map<String, @Nullable Object> mapOf(String k1, @Nullable Object v1, String k2, @Nullable Object v2) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put(k1, v1);
		map.put(k2, v2);
		return map;
	}

	@Override
	public List<Schedules.Schedule> schedules() {
		return read(get("/api/schedules"), new TypeReference<>() {
		});
	}

	@Override
	public String pause(String schedule) {
		return scheduleAction(schedule, "pause");
	}

	@Override
	public String resume(String schedule) {
		return scheduleAction(schedule, "resume");
	}

	@Override
	public String trigger(String schedule) {
		return scheduleAction(schedule, "trigger");
	}

	private String scheduleAction(String schedule, String action) {
		return tree(post("/api/schedules/" + encode(schedule) + "/" + action, "")).get("message").asString();
	}

	/**
	 * The JDK client, which otherwise builds the default TLS context (the JDK's trust store, its providers) even for
	 * {@code http://}: a third of a thin command's start-up. For a plain HTTP server it gets a TLS context that trusts
	 * nobody, never used.
	 */
	private static HttpClient httpClient(URI server) {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
		if ("http".equalsIgnoreCase(server.getScheme())) {
			try {
				SSLContext unused = SSLContext.getInstance("TLS");
				unused.init(new KeyManager[0], new TrustManager[0], null);
				client.sslContext(unused);
			}
			catch (GeneralSecurityException ex) {
				// the default context then
			}
		}
		return client.build();
	}

}
