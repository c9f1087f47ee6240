package io.ambar.metrics;

import java.util.Collection;
import java.util.Map;

import io.ambar.ops.ExecutionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;

/**
 * Counts what the operations layer did to executions ({@link ExecutionEvent}s): orphans recovered, automatic
 * restarts, executions abandoned, by job.
 */
class ExecutionEventCounts {

	private static final Map<ExecutionEvent.Kind, AmbarMeters> METERS = Map.of(ExecutionEvent.Kind.RECOVERED,
			AmbarMeters.ORPHANS_RECOVERED, ExecutionEvent.Kind.RESTARTED_AUTOMATICALLY, AmbarMeters.AUTOMATIC_RESTARTS,
			ExecutionEvent.Kind.ABANDONED, AmbarMeters.EXECUTIONS_ABANDONED);

	private final MeterRegistry registry;

	ExecutionEventCounts(MeterRegistry registry, Collection<String> jobs) {
		this.registry = registry;
		jobs.forEach(job -> METERS.keySet().forEach(kind -> counter(kind, job)));
	}

	@EventListener
	void on(ExecutionEvent event) {
		counter(event.kind(), event.job()).increment();
	}

	private Counter counter(ExecutionEvent.Kind kind, String job) {
		AmbarMeters meter = METERS.get(kind);
		return Counter.builder(meter.meterName())
			.description(meter.description())
			.tag(AmbarMeters.JOB, job)
			.register(this.registry);
	}

}
