package io.ambar.ops;

import java.util.Locale;

/**
 * Who asks for an operation, and through which face: what the audit records and what some rules look at (a launch
 * over HTTP may only name feed files under the configured roots).
 *
 * @param name the user name (a login, the OS user of a CLI, or the name of an automatic actor)
 * @param channel where the request came from
 */
public record Actor(String name, Channel channel) {

	/** Where a request came from. */
	public enum Channel {

		CLI, API, CONSOLE, SCHEDULER, RECOVERY;

		/** Whether the request crossed the network: such requests are confined to the feed roots. */
		public boolean remote() {
			return this == API || this == CONSOLE;
		}

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The user running a CLI command directly on the database. */
	public static Actor cli() {
		String user = System.getProperty("user.name");
		return new Actor((user != null && !user.isBlank()) ? user : "cli", Channel.CLI);
	}

	/** The scheduler, firing a schedule. */
	public static Actor scheduler() {
		return new Actor("ambar-scheduler", Channel.SCHEDULER);
	}

	/** Ambar's own automatic recovery of orphaned executions. */
	public static Actor recovery() {
		return new Actor("ambar-recovery", Channel.RECOVERY);
	}

	@Override
	public String toString() {
		return this.name + " (" + this.channel.id() + ")";
	}

}
