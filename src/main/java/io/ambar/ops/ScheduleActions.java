package io.ambar.ops;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.ambar.ops.AuditLog.Outcome;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The schedules for every face: listed, and paused, resumed or fired now, each action audited. Without a
 * scheduler there are none, and naming one is NOT_FOUND.
 */
@Component
public class ScheduleActions {

	private final Schedules schedules;

	private final AuditLog audit;

	ScheduleActions(ObjectProvider<Schedules> schedules, AuditLog audit) {
		this.schedules = schedules.getIfAvailable(NoSchedules::new);
		this.audit = audit;
	}

	public List<Schedules.Schedule> list() {
		return this.schedules.list();
	}

	public String pause(String name, Actor actor) {
		return audited(actor, "pause", name, this.schedules::pause);
	}

	public String resume(String name, Actor actor) {
		return audited(actor, "resume", name, this.schedules::resume);
	}

	public String trigger(String name, Actor actor) {
		return audited(actor, "trigger", name, this.schedules::trigger);
	}

	private String audited(Actor actor, String action, String name, Function<String, String> work) {
		try {
			String done = work.apply(name);
			this.audit.record(actor, action, "schedule " + name, Map.of(), Outcome.DONE, done);
			return done;
		}
		catch (OperationException ex) {
			this.audit.record(actor, action, "schedule " + name, Map.of(), Outcome.REFUSED, ex.getMessage());
			throw ex;
		}
	}

	/** No scheduler: no schedules. */
	private static final class NoSchedules implements Schedules {

		@Override
		public List<Schedule> list() {
			return List.of();
		}

		@Override
		public String pause(String name) {
			throw unknown(name);
		}

		@Override
		public String resume(String name) {
			throw unknown(name);
		}

		@Override
		public String trigger(String name) {
			throw unknown(name);
		}

		private static OperationException unknown(String name) {
			return OperationException.notFound("no schedule '" + name + "'");
		}

	}

}
