package io.ambar.ops.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the console over plain HTTP, for tests that need no real browser: a cookie jar, the
 * login form, and posts carrying the CSRF token of the last page read. Redirects are not followed, so a test sees
 * them.
 */
final class ConsoleClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient http;

	private String csrf = "";

	ConsoleClient(int port) {
		this.base = "http://localhost:" + port;
		this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	/** Logs in through the login form; the answer is the redirect that follows it. */
	HttpResponse<String> login(String user, String password) throws Exception {
		get("/login");
		return post("/login", Map.of("username", user, "password", password));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, "X-Console-Test", "page");
	}

	/** A GET with one more header, such as htmx's {@code HX-Request}. */
	HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
		return remember(this.http.send(request(path).header(header, value).GET().build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	/** Posts a form with the CSRF token of the last page read. */
	HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
		Map<String, String> fields = new LinkedHashMap<>(form);
		fields.put("_csrf", this.csrf);
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return remember(this.http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString()));
	}

	/** Follows a redirect answer with a GET, as a browser does. */
	HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
		String location = redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
				"not a redirect: " + redirect.statusCode() + " " + redirect.body()));
		return get(URI.create(this.base).resolve(location).getRawPath()
				+ ((URI.create(location).getRawQuery() != null) ? "?" + URI.create(location).getRawQuery() : ""));
	}

	/** A request as a browser makes it: asking for HTML. */
	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
	}

	private HttpResponse<String> remember(HttpResponse<String> response) {
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return response;
	}

}
