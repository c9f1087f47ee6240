package io.ambar.bench;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.context.ApplicationContext;

/**
 * Ambar's job observed as a server observes it, for the time of one run: Spring Batch's observations of the job,
 * its steps and chunks recorded into a Prometheus registry (the bench runs as a command, which has none), with or
 * without the per-item ones ({@code spring.batch.item.*}, which {@code management.observations.enable} switches
 * off in a server). Closing it puts the no-op registry back.
 */
final class ObservedJob implements AutoCloseable {

	private static final String ITEM_OBSERVATIONS = "spring.batch.item";

	private final ApplicationContext application;

	private final AbstractJob job;

	private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private ObservedJob(ApplicationContext application, AbstractJob job) {
		this.application = application;
		this.job = job;
	}

	static ObservedJob observe(ApplicationContext application, Job job, boolean items) {
		ObservedJob observed = new ObservedJob(application, (AbstractJob) job);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(observed.meters));
		if (!items) {
			registry.observationConfig().observationPredicate((name, context) -> !name.startsWith(ITEM_OBSERVATIONS));
		}
		observed.set(registry);
		return observed;
	}

	/** The job, the steps it is made of, and the step beans (a partitioned step's workers are not in the job). */
	private void set(ObservationRegistry registry) {
		this.job.setObservationRegistry(registry);
		for (String name : this.job.getStepNames()) {
			if (this.job.getStep(name) instanceof AbstractStep step) {
				step.setObservationRegistry(registry);
			}
		}
		for (Step step : this.application.getBeansOfType(Step.class).values()) {
			if (step instanceof AbstractStep abstractStep) {
				abstractStep.setObservationRegistry(registry);
			}
		}
	}

	@Override
	public void close() {
		set(ObservationRegistry.NOOP);
		this.meters.close();
	}

}
