package io.ambar.metrics;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * What every job records as it runs in this process: the executions that ended, by status; the time each chunk
 * write takes, as a histogram by job and step; and, while they run, the executions and steps with their items and
 * rows/s. The running ones are this listener's own record (put in before, taken out after), partition workers
 * included.
 */
class RunMetrics implements JobExecutionListener, StepExecutionListener, ItemWriteListener<Object> {

	/** The statuses an execution ends in, registered at zero for every job. */
	private static final List<BatchStatus> ENDS = List.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
			BatchStatus.STOPPED);

	private final MeterRegistry registry;

	private final ThreadLocal<Timer.Sample> write = new ThreadLocal<>();

	private final Set<JobExecution> runningJobs = ConcurrentHashMap.newKeySet();

	private final Set<StepExecution> runningSteps = ConcurrentHashMap.newKeySet();

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	RunMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers a job's series at zero: its end statuses, its running executions, and the items, rows/s and chunk
	 * writes of its steps.
	 */
	void preRegister(String job, Collection<Step> steps) {
		ENDS.forEach(status -> executions(job, status));
		Gauge.builder(AmbarMeters.EXECUTIONS_RUNNING.meterName(), () -> running(job).count())
			.description(AmbarMeters.EXECUTIONS_RUNNING.description())
			.tag(AmbarMeters.JOB, job)
			.register(this.registry);
		Gauge.builder(AmbarMeters.JOB_RUNNING_LONGEST.meterName(),
				() -> running(job).mapToDouble(e -> seconds(e.getStartTime())).max().orElse(0))
			.description(AmbarMeters.JOB_RUNNING_LONGEST.description())
			.tag(AmbarMeters.JOB, job)
			.baseUnit("seconds")
			.register(this.registry);
		for (Step step : steps) {
			stepGauges(job, AmbarMeters.step(step.getName()));
			if (step instanceof ChunkOrientedStep<?, ?>) {
				chunkWrite(job, AmbarMeters.step(step.getName()));
			}
		}
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.runningJobs.add(execution);
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.runningJobs.remove(execution);
		executions(execution.getJobInstance().getJobName(), execution.getStatus()).increment();
	}

	@Override
	public void beforeStep(StepExecution step) {
		stepGauges(step.getJobExecution().getJobInstance().getJobName(), AmbarMeters.step(step.getStepName()));
		this.runningSteps.add(step);
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		this.runningSteps.remove(step);
		return null;
	}

	@Override
	public void beforeWrite(Chunk<?> items) {
		this.write.set(Timer.start(this.registry));
	}

	@Override
	public void afterWrite(Chunk<?> items) {
		Timer.Sample sample = this.write.get();
		var context = StepSynchronizationManager.getContext();
		if (sample != null && context != null) {
			StepExecution step = context.getStepExecution();
			sample.stop(chunkWrite(step.getJobExecution().getJobInstance().getJobName(),
					AmbarMeters.step(step.getStepName())));
		}
		this.write.remove();
	}

	@Override
	public void onWriteError(Exception exception, Chunk<?> items) {
		this.write.remove();
	}

	private Stream<JobExecution> running(String job) {
		return this.runningJobs.stream().filter(e -> e.getJobInstance().getJobName().equals(job));
	}

	private void stepGauges(String job, String step) {
		if (!this.gauged.add(job + "\u0000" + step)) {
			return;
		}
		Gauge.builder(AmbarMeters.STEP_ITEMS.meterName(), () -> steps(job, step).mapToLong(RunMetrics::items).sum())
			.description(AmbarMeters.STEP_ITEMS.description())
			.tag(AmbarMeters.JOB, job)
			.tag(AmbarMeters.STEP, step)
			.register(this.registry);
		Gauge.builder(AmbarMeters.STEP_ROWS_PER_SECOND.meterName(), () -> steps(job, step)
			.mapToDouble(s -> items(s) / Math.max(0.001, seconds(s.getStartTime())))
			.sum())
			.description(AmbarMeters.STEP_ROWS_PER_SECOND.description())
			.tag(AmbarMeters.JOB, job)
			.tag(AmbarMeters.STEP, step)
			.register(this.registry);
	}

	private Stream<StepExecution> steps(String job, String step) {
		return this.runningSteps.stream()
			.filter(s -> s.getJobExecution().getJobInstance().getJobName().equals(job)
					&& AmbarMeters.step(s.getStepName()).equals(step));
	}

	private static long items(StepExecution step) {
		return Math.max(step.getReadCount(), step.getWriteCount());
	}

	/** Seconds since a start time of Spring Batch's: local time in the JVM's zone, as Spring Batch takes it. */
	private static double seconds(@Nullable LocalDateTime start) {
		if (start == null) {
			return 0;
		}
		return Math.max(0, Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0);
	}

	private Counter executions(String job, BatchStatus status) {
		return Counter.builder(AmbarMeters.JOB_EXECUTIONS.meterName())
			.description(AmbarMeters.JOB_EXECUTIONS.description())
			.tag(AmbarMeters.JOB, job)
			.tag(AmbarMeters.STATUS, status.name())
			.register(this.registry);
	}

	private Timer chunkWrite(String job, String step) {
		return Timer.builder(AmbarMeters.CHUNK_WRITE.meterName())
			.description(AmbarMeters.CHUNK_WRITE.description())
			.tag(AmbarMeters.JOB, job)
			.tag(AmbarMeters.STEP, step)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(5))
			.register(this.registry);
	}

}
