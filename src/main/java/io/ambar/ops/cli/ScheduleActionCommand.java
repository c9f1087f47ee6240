package io.ambar.ops.cli;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code pause}, {@code resume} and {@code trigger <schedule>}: one action on a schedule; prints what was done.
 */
final class ScheduleActionCommand implements ClientCommand {

	private final String name;

	private final String usage;

	private final BiFunction<OperatorClient, String, String> action;

	private ScheduleActionCommand(String name, String usage, BiFunction<OperatorClient, String, String> action) {
		this.name = name;
		this.usage = usage;
		this.action = action;
	}

	static ScheduleActionCommand pause() {
		return new ScheduleActionCommand("pause", "<schedule>  stop firing a schedule until it is resumed",
				OperatorClient::pause);
	}

	static ScheduleActionCommand resume() {
		return new ScheduleActionCommand("resume", "<schedule>  fire a paused schedule again", OperatorClient::resume);
	}

	static ScheduleActionCommand trigger() {
		return new ScheduleActionCommand("trigger", "<schedule>  run a schedule now, with its parameters",
				OperatorClient::trigger);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String usage() {
		return this.usage;
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		if (arguments.positional().size() != 1) {
			throw new UsageException("expected one schedule name; usage: " + this.name + " " + this.usage);
		}
		String schedule = arguments.positional().get(0);
		String done = this.action.apply(client, schedule);
		if (console.json()) {
			console.printJson(Map.of("schedule", schedule, "message", done));
		}
		else {
			console.out().println(done);
		}
		return OK;
	}

}
