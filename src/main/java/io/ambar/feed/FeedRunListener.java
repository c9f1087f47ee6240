package io.ambar.feed;

import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * A listener that every feed job gets, and only feed jobs: {@link FeedSteps#job} registers each bean of this type
 * on the jobs it builds (the metrics that publish a run's {@link FeedSummary counts} are one).
 */
public interface FeedRunListener extends JobExecutionListener {

	/** Called once for each feed job, when {@link FeedSteps#job} has built it: before any run. */
	default void built(String job) {
	}

}
