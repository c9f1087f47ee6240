package io.ambar.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files of {@code src/monitoring} as the tests read them: the PromQL expressions of the alert rules
 * and of the Grafana dashboard, and the metric names those use.
 */
final class MonitoringFiles {

	static final Path DIR = Path.of("src", "monitoring");

	static final Path PROMETHEUS = DIR.resolve("prometheus");

	static final Path RULES = PROMETHEUS.resolve("ambar-alerts.yml");

	static final Path DASHBOARD = DIR.resolve("grafana").resolve("dashboards").resolve("ambar.json");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "bool", "offset", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private MonitoringFiles() {
	}

	/** The expression of every alert rule. */
	@SuppressWarnings("unchecked")
	static List<String> ruleExpressions() throws IOException {
		List<String> expressions = new ArrayList<>();
		try (InputStream in = Files.newInputStream(RULES)) {
			Map<String, Object> rules = new Yaml().load(in);
			for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					expressions.add((String) rule.get("expr"));
				}
			}
		}
		return expressions;
	}

	/** The expression of every target of every panel of the dashboard. */
	static List<String> dashboardExpressions() throws IOException {
		List<String> expressions = new ArrayList<>();
		collect(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)), expressions);
		return expressions;
	}

	private static void collect(JsonNode node, List<String> expressions) {
		if (node.isObject() && node.has("expr")) {
			expressions.add(node.get("expr").asString());
		}
		node.values().forEach(child -> collect(child, expressions));
	}

	/**
	 * The metric names an expression selects: its identifiers less label matchers and values, ranges, grouping
	 * labels, functions and keywords.
	 */
	static Set<String> metricNames(String expression) {
		String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
			.replaceAll("\\$\\{?\\w+}?", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(bare);
		while (matcher.find()) {
			String token = matcher.group();
			int after = matcher.end();
			while (after < bare.length() && bare.charAt(after) == ' ') {
				after++;
			}
			boolean function = after < bare.length() && bare.charAt(after) == '(';
			boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
			if (!function && !number && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
				names.add(token);
			}
		}
		return names;
	}

}
