package io.ambar.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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

/**
 * A schedule file read as YAML node by node, never turned into objects, so that each value is the text the file
 * holds ({@code 0.10} stays {@code 0.10}) and each problem can name the line of its field.
 */
final class ScheduleYaml {

	private final Map<String, Field> fields = new LinkedHashMap<>();

	private final Map<String, Field> parameters = new LinkedHashMap<>();

	private ScheduleYaml() {
	}

	/**
	 * Reads the file's keys, each once, and the entries of its {@code parameters}, in the file's order.
	 * @param keys the keys a schedule file has; any other is a problem
	 * @throws ScheduleFileException when the file cannot be read, is not YAML, or is not a mapping of keys
	 */
	static ScheduleYaml read(Path file, List<String> keys, Problems problems) {
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
					"expected the keys of a schedule (" + String.join(", ", keys) + ")");
			throw problems.exception();
		}
		ScheduleYaml yaml = new ScheduleYaml();
		for (NodeTuple tuple : mapping.getValue()) {
			String key = (tuple.getKeyNode() instanceof ScalarNode scalar) ? scalar.getValue() : null;
			Integer line = lineOf(tuple.getKeyNode().getStartMark());
			if (key == null || !keys.contains(key)) {
				problems.add(line, null, "unknown key " + ((key != null) ? "'" + key + "'" : "(not a name)")
						+ " (keys: " + String.join(", ", keys) + ")");
			}
			else if (yaml.fields.putIfAbsent(key, new Field(key, tuple)) != null) {
				problems.add(line, key, "given twice");
			}
		}
		yaml.readParameters(problems);
		return yaml;
	}

	private void readParameters(Problems problems) {
		Field field = this.fields.get("parameters");
		if (field == null) {
			return;
		}
		if (!(field.tuple().getValueNode() instanceof MappingNode mapping)) {
			problems.add(field, "expected key: value pairs, such as { file: /data/feeds/stock.csv }");
			return;
		}
		for (NodeTuple tuple : mapping.getValue()) {
			String key = (tuple.getKeyNode() instanceof ScalarNode scalar) ? scalar.getValue() : "?";
			Field parameter = new Field("parameters." + key, tuple);
			if (this.parameters.putIfAbsent(key, parameter) != null) {
				problems.add(parameter, "given twice");
			}
		}
	}

	/** The field of that key; one that is not in the file has no value. */
	Field field(String key) {
		Field field = this.fields.get(key);
		return (field != null) ? field : new Field(key, null);
	}

	/** The entries of {@code parameters}, by key, in the file's order. */
	Map<String, Field> parameters() {
		return this.parameters;
	}

	private static @Nullable Integer lineOf(@Nullable Mark mark) {
		return (mark != null) ? mark.getLine() + 1 : null;
	}

	/**
	 * One field of a schedule file: its name for messages ({@code cron}, {@code parameters.mode}), its value and
	 * its line.
	 */
	record Field(String name, @Nullable NodeTuple tuple) {

		/** Given as one value (not a list or a mapping). */
		boolean isScalar() {
			return this.tuple != null && this.tuple.getValueNode() instanceof ScalarNode;
		}

		/** Given with a value: {@code key:} alone, {@code ~} and {@code null} are no value. */
		boolean present() {
			return isScalar() && !((ScalarNode) this.tuple.getValueNode()).getTag().equals(Tag.NULL);
		}

		/** The value as the file writes it, without surrounding white space. */
		String text() {
			return ((ScalarNode) this.tuple.getValueNode()).getValue().strip();
		}

		@Nullable Integer line() {
			return (this.tuple != null) ? lineOf(this.tuple.getKeyNode().getStartMark()) : null;
		}

		/**
		 * Whether the field has a value; reports it when it is missing but required, given without a value, or
		 * given as more than one.
		 */
		boolean check(Problems problems, boolean required) {
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

	/** The problems of one file, each as {@code path:line: field: what is wrong}. */
	static final class Problems {

		private final Path file;

		private final List<String> problems = new ArrayList<>();

		Problems(Path file) {
			this.file = file;
		}

		void add(@Nullable Field field, String message) {
			add((field != null) ? field.line() : null, (field != null) ? field.name() : null, message);
		}

		void add(@Nullable Integer line, @Nullable String field, String message) {
			this.problems.add(this.file + ((line != null) ? ":" + line : "") + ": "
					+ ((field != null) ? field + ": " : "") + message);
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
