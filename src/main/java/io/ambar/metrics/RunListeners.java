package io.ambar.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the {@link RunLog} and, where there is a meter registry, the {@link RunMetrics} on every job and every step,
 * so that no job can forget them: on each job bean, on the steps it is made of (most are built inline, not beans),
 * and on step beans (partition workers). It remembers each job's steps, for the series registered before a run.
 */
class RunListeners implements BeanPostProcessor {

	private final RunLog log = new RunLog();

	private final ObjectProvider<RunMetrics> metrics;

	private final Set<Step> instrumented = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));

	private final Map<String, List<Step>> jobs = new ConcurrentHashMap<>();

	RunListeners(ObjectProvider<RunMetrics> metrics) {
		this.metrics = metrics;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job) {
			job.registerJobExecutionListener(this.log);
			RunMetrics metrics = this.metrics.getIfAvailable();
			if (metrics != null) {
				job.registerJobExecutionListener(metrics);
			}
			List<Step> steps = new ArrayList<>();
			for (String name : job.getStepNames()) {
				Step step = step(job, name);
				if (step != null) {
					steps.add(step);
					instrument(step);
				}
			}
			this.jobs.put(job.getName(), List.copyOf(steps));
		}
		else if (bean instanceof Step step) {
			instrument(step);
		}
		return bean;
	}

	/** Every job seen, by name, with the steps it is made of (partition workers not included). */
	Map<String, List<Step>> jobs() {
		return Map.copyOf(this.jobs);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void instrument(Step step) {
		if (!(step instanceof AbstractStep abstractStep) || !this.instrumented.add(step)) {
			return;
		}
		RunMetrics metrics = this.metrics.getIfAvailable();
		abstractStep.registerStepExecutionListener(this.log);
		if (metrics != null) {
			abstractStep.registerStepExecutionListener(metrics);
		}
		if (step instanceof ChunkOrientedStep chunkStep) {
			chunkStep.registerItemWriteListener(this.log);
			if (metrics != null) {
				chunkStep.registerItemWriteListener(metrics);
			}
		}
	}

	private static @Nullable Step step(AbstractJob job, String name) {
		return job.getStep(name);
	}

}
