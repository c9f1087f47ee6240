package io.ambar.ops;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FireTimesTests {

	private final FireTimes hourly = FireTimes.of("0 0 * * * ?", ZoneOffset.UTC);

	@Test
	void aFireTimeStandsForItself() {
		assertThat(this.hourly.lastAtOrBefore(Instant.parse("2026-11-30T05:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
	}

	@Test
	void aLateRunStandsForTheLastTimeBeforeIt() {
		assertThat(this.hourly.lastAtOrBefore(Instant.parse("2026-11-30T05:59:59.999Z")))
			.isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
		assertThat(FireTimes.of("0 0 2 1 1 ?", ZoneId.of("Europe/Istanbul"))
			.lastAtOrBefore(Instant.parse("2026-11-30T05:00:00Z"))).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
	}

	@Test
	void findsNoTimeForACronThatNeverFiredBefore() {
		assertThat(FireTimes.of("0 0 0 1 1 ? 2099", ZoneOffset.UTC).lastAtOrBefore(Instant.parse("2026-11-30T05:00:00Z")))
			.isNull();
	}

	@Test
	void countsTheTimesBetweenTwoInstantsBothIncludedUpToALimit() {
		Instant from = Instant.parse("2026-11-30T00:00:00Z");

		assertThat(this.hourly.count(from, Instant.parse("2026-11-30T05:30:00Z"), 100)).isEqualTo(6);
		assertThat(this.hourly.count(from, Instant.parse("2026-11-30T05:00:00Z"), 100)).isEqualTo(6);
		assertThat(FireTimes.of("* * * * * ?", ZoneOffset.UTC).count(from, from.plusSeconds(86_400), 1_000))
			.isEqualTo(1_000);
	}

}
