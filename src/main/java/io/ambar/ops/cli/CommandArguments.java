package io.ambar.ops.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A command's arguments split into positional ones and options, each option given as {@code --name value},
 * {@code --name=value} or {@code name=value}.
 */
public final class CommandArguments {

	private final List<String> positional;

	private final Map<String, String> options;

	private CommandArguments(List<String> positional, Map<String, String> options) {
		this.positional = positional;
		this.options = options;
	}

	/**
	 * Splits the arguments.
	 * @param optionNames the options the command takes
	 * @throws UsageException for an unknown option, or an option without a value
	 */
	public static CommandArguments parse(List<String> args, Set<String> optionNames) {
		List<String> positional = new ArrayList<>();
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			boolean dashed = arg.startsWith("--");
			String body = dashed ? arg.substring(2) : arg;
			int eq = body.indexOf('=');
			String name = (eq < 0) ? body : body.substring(0, eq);
			if (!dashed && (eq < 0 || !optionNames.contains(name))) {
				positional.add(arg);
				continue;
			}
			if (!optionNames.contains(name)) {
				throw new UsageException("unknown option '--" + name + "' (options: --" + String.join(", --", optionNames.stream().sorted().toList()) + ")");
			}
			if (eq >= 0) {
				options.put(name, body.substring(eq + 1));
			}
			else if (i + 1 < args.size()) {
				options.put(name, args.get(++i));
			}
			else {
				throw new UsageException("option '--" + name + "' needs a value");
			}
		}
		return new CommandArguments(positional, options);
	}

	public List<String> positional() {
		return this.positional;
	}

	public @Nullable String option(String name) {
		return this.options.get(name);
	}

	/**
	 * The one positional argument as an execution id.
	 * @throws UsageException when there is not exactly one, or it is not a positive whole number
	 */
	public long executionId(String usage) {
		if (this.positional.size() != 1) {
			throw new UsageException("expected one execution id; usage: " + usage);
		}
		String text = this.positional.get(0);
		try {
			long id = Long.parseLong(text);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("'" + text + "' is not an execution id (a positive whole number)");
	}

}
