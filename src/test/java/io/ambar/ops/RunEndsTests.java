package io.ambar.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A run's end wakes whoever waits for it, however the run ends, and an end between taking the mark and waiting is
 * not lost. The waits are an hour long: only a missing wake-up could make a test hang (the timeouts are a guard).
 */
class RunEndsTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration GUARD = Duration.ofSeconds(30);

	RunEnds ends = new RunEnds();

	@Test
	void aRunsEndWakesTheWaiter() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		long mark = this.ends.count();
		CompletableFuture<Void> run = CompletableFuture.runAsync(this.ends.signalling(() -> await(release)));
		release.countDown();
		assertTimeoutPreemptively(GUARD, () -> this.ends.awaitAfter(mark, HOUR));
		run.join();
		assertThat(this.ends.count()).isEqualTo(mark + 1);
	}

	@Test
	void anEndBeforeTheWaitIsNotLost() {
		long mark = this.ends.count();
		this.ends.signalling(() -> {
		}).run();
		assertTimeoutPreemptively(GUARD, () -> this.ends.awaitAfter(mark, HOUR));
	}

	@Test
	void aRunThatThrowsStillSignals() {
		long mark = this.ends.count();
		assertThatIllegalStateException().isThrownBy(() -> this.ends.signalling(() -> {
			throw new IllegalStateException("job failed");
		}).run());
		assertThat(this.ends.count()).isEqualTo(mark + 1);
	}

	@Test
	void withoutAnEndTheWaitLastsItsMaximum() throws Exception {
		this.ends.awaitAfter(this.ends.count(), Duration.ofMillis(20));
		assertThat(this.ends.count()).isZero();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
