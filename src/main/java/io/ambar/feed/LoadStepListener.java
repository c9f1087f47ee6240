package io.ambar.feed;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Puts the number of records read into the run's summary when the load step completes. The count comes from
 * the reader's restart state, so it covers every execution of a restarted load.
 */
public class LoadStepListener implements StepExecutionListener {

	/** The name every feed job gives its {@link FeedReader}; it keys the reader's restart state. */
	public static final String READER_NAME = "feed";

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		if (step.getStatus().isUnsuccessful()) {
			return null;
		}
		FeedSummary.of(step.getJobExecution())
			.put(FeedSummary.READ, step.getExecutionContext().getLong(READER_NAME + ".records", 0L));
		return null;
	}

}
