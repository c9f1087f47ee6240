package io.ambar.ops.cli;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * One action on one target, as the operations layer decides it: {@code stop}, {@code abandon} and
 * {@code recover <executionId>} ({@link io.ambar.ops.ExecutionActions}), {@code pause}, {@code resume} and
 * {@code trigger <schedule>} ({@link io.ambar.ops.ScheduleActions}); prints what was done.
 */
final class ActionCommand implements ClientCommand {

	private final String name;

	private final String usage;

	private final boolean onExecution;

	private final BiFunction<OperatorClient, String, String> action;

	private ActionCommand(String name, String usage, boolean onExecution, BiFunction<OperatorClient, String, String> action) {
		this.name = name;
		this.usage = usage;
		this.onExecution = onExecution;
		this.action = action;
	}

	static ActionCommand stop() {
		return new ActionCommand("stop", "<executionId>  stop a running execution at its next chunk boundary (restartable)",
				true, (client, id) -> client.stop(Long.parseLong(id)));
	}

	static ActionCommand abandon() {
		return new ActionCommand("abandon",
				"<executionId>  give up a failed, stopped or UNKNOWN execution: closes its job instance for good", true,
				(client, id) -> client.abandon(Long.parseLong(id)));
	}

	static ActionCommand recover() {
		return new ActionCommand("recover",
				"<executionId>  mark an execution whose process is gone (or UNKNOWN) FAILED, so it can be restarted", true,
				(client, id) -> client.recover(Long.parseLong(id)));
	}

	static ActionCommand pause() {
		return new ActionCommand("pause", "<schedule>  stop firing a schedule until it is resumed", false,
				OperatorClient::pause);
	}

	static ActionCommand resume() {
		return new ActionCommand("resume", "<schedule>  fire a paused schedule again", false, OperatorClient::resume);
	}

	static ActionCommand trigger() {
		return new ActionCommand("trigger", "<schedule>  run a schedule now, with its parameters", false,
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
		String target;
		if (this.onExecution) {
			target = Long.toString(arguments.executionId(this.name + " " + this.usage));
		}
		else if (arguments.positional().size() == 1) {
			target = arguments.positional().get(0);
		}
		else {
			throw new UsageException("expected one schedule name; usage: " + this.name + " " + this.usage);
		}
		String done = this.action.apply(client, target);
		if (console.json()) {
			console.printJson(Map.of(this.onExecution ? "execution" : "schedule", target, "message", done));
		}
		else {
			console.out().println(done);
		}
		return OK;
	}

}
