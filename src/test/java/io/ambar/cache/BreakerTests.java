package io.ambar.cache;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BreakerTests {

	final MutableClock clock = new MutableClock();

	final Breaker breaker = new Breaker(3, Duration.ofSeconds(5), this.clock);

	@Test
	void opensAfterConsecutiveFailuresOnly() {
		this.breaker.failure();
		this.breaker.failure();
		this.breaker.success();
		this.breaker.failure();
		this.breaker.failure();
		assertThat(this.breaker.allow()).isTrue();

		this.breaker.failure();

		assertThat(this.breaker.state()).isEqualTo(Breaker.State.OPEN);
		assertThat(this.breaker.allow()).isFalse();
	}

	@Test
	void letsOneTrialCallThroughAfterTheOpenTimeAndClosesWhenItSucceeds() {
		open();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.breaker.allow()).isFalse();

		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.breaker.allow()).isTrue();
		assertThat(this.breaker.state()).isEqualTo(Breaker.State.HALF_OPEN);
		assertThat(this.breaker.allow()).as("a second call while the trial runs").isFalse();
		this.breaker.success();
		assertThat(this.breaker.state()).isEqualTo(Breaker.State.CLOSED);
		assertThat(this.breaker.allow()).isTrue();
	}

	@Test
	void aFailedTrialOpensItForAnotherOpenTime() {
		open();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.breaker.allow()).isTrue();

		this.breaker.failure();

		assertThat(this.breaker.state()).isEqualTo(Breaker.State.OPEN);
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.breaker.allow()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.breaker.allow()).isTrue();
	}

	private void open() {
		for (int i = 0; i < 3; i++) {
			this.breaker.failure();
		}
	}

}
