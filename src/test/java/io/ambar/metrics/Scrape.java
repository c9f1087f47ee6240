package io.ambar.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A scrape of {@code /actuator/prometheus} in the text format, parsed into its samples: name, labels, value.
 */
record Scrape(String text, List<Sample> samples) {

	/** One sample line. */
	record Sample(String name, Map<String, String> labels, double value) {
	}

	static Scrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			Map<String, String> labels = new LinkedHashMap<>();
			String name;
			String rest;
			if (brace >= 0 && brace < space) {
				name = line.substring(0, brace);
				int i = brace + 1;
				while (line.charAt(i) != '}') {
					int eq = line.indexOf('=', i);
					String key = line.substring(i, eq).trim();
					StringBuilder value = new StringBuilder();
					int j = eq + 2;
					while (line.charAt(j) != '"') {
						if (line.charAt(j) == '\\') {
							j++;
						}
						value.append(line.charAt(j++));
					}
					labels.put(key, value.toString());
					i = j + 1;
					if (line.charAt(i) == ',') {
						i++;
					}
				}
				rest = line.substring(i + 1).trim();
			}
			else {
				name = line.substring(0, space);
				rest = line.substring(space + 1).trim();
			}
			samples.add(new Sample(name, labels, Double.parseDouble(rest.split(" ")[0])));
		}
		return new Scrape(text, samples);
	}

	/** The names of every sample, {@code _bucket}, {@code _count}, {@code _total} and the like included. */
	Set<String> names() {
		return this.samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
	}

	/** The samples of a name whose labels include the given ones. */
	List<Sample> find(String name, String... labelsAndValues) {
		return this.samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
			for (int i = 0; i < labelsAndValues.length; i += 2) {
				if (!labelsAndValues[i + 1].equals(s.labels().get(labelsAndValues[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/** The one sample of a name with these labels (among others). */
	Optional<Double> value(String name, String... labelsAndValues) {
		List<Sample> found = find(name, labelsAndValues);
		if (found.size() > 1) {
			throw new IllegalStateException(found.size() + " samples of " + name + " " + List.of(labelsAndValues));
		}
		return found.stream().findFirst().map(Sample::value);
	}

}
