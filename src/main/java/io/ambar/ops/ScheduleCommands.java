package io.ambar.ops;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.ambar.schedule.Schedules;
import io.ambar.schedule.Schedules.ScheduleStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code pause <name>}, {@code resume <name>} and {@code trigger <name>}: an operator's hand on one schedule. They
 * change the shared store, so every server node sees them; none needs a server in this process.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleCommands {

	@Bean
	AmbarCommand pauseCommand(Schedules schedules) {
		return new OnSchedule("pause", "<name>  stop a schedule's firings on every node until resumed (a run goes on)",
				name -> {
					ScheduleStatus status = schedules.pause(name);
					return "paused " + status.name();
				});
	}

	@Bean
	AmbarCommand resumeCommand(Schedules schedules) {
		return new OnSchedule("resume", "<name>  resume a paused schedule", name -> {
			ScheduleStatus status = schedules.resume(name);
			return "resumed " + status.name() + "; next fire time "
					+ ((status.nextFireTime() != null) ? status.nextFireTime().atZone(status.zone()) : "none");
		});
	}

	@Bean
	AmbarCommand triggerCommand(Schedules schedules) {
		return new OnSchedule("trigger", "<name>  run a schedule now, with its parameters, on a server node", name -> {
			Instant fireTime = schedules.trigger(name);
			return "triggered " + name + " for " + fireTime + (schedules.serverRunning() ? "; a server node runs it now"
					: "; no server is running: it runs as soon as one starts");
		});
	}

	/** A command that takes one schedule name and prints one line. */
	private record OnSchedule(String name, String usage, Function<String, String> action) implements AmbarCommand {

		@Override
		public int run(List<String> args, PrintStream out) {
			if (args.size() != 1) {
				throw new UsageException("expected one schedule name; usage: " + this.name + " " + this.usage);
			}
			try {
				out.println(this.action.apply(args.get(0)));
				return OK;
			}
			catch (IllegalArgumentException ex) {
				throw new UsageException(ex.getMessage());
			}
			catch (IllegalStateException ex) {
				System.err.println("ambar " + this.name + ": " + ex.getMessage());
				return FAILED;
			}
		}

	}

}
