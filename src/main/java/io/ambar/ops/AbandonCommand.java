package io.ambar.ops;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code abandon <executionId>}: gives up a failed, stopped or UNKNOWN execution for good; see
 * {@link ExecutionActions#abandon}.
 */
@Component
class AbandonCommand implements AmbarCommand {

	private final ExecutionActions actions;

	AbandonCommand(ExecutionActions actions) {
		this.actions = actions;
	}

	@Override
	public String name() {
		return "abandon";
	}

	@Override
	public String usage() {
		return "<executionId>  give up a failed, stopped or UNKNOWN execution: closes its job instance for good";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		long id = CommandArguments.parse(args, Set.of()).executionId("abandon " + usage());
		out.println(this.actions.abandon(id, Actor.cli()));
		return OK;
	}

}
