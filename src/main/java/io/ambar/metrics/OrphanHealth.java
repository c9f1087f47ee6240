package io.ambar.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN while an execution has stayed orphaned (marked running, its owner gone) longer than
 * {@code ambar.metrics.orphan-grace}: automatic recovery should have marked it FAILED by then, so it is off, failing,
 * or its restarts are used up; an operator recovers it ({@code recover <id>}, then {@code restart <id>}). As of the
 * last {@link JobReadings reading}.
 */
class OrphanHealth implements HealthIndicator {

	private final JobReadings readings;

	private final Clock clock;

	private final Duration grace;

	OrphanHealth(JobReadings readings, Clock clock, Duration grace) {
		this.readings = readings;
		this.clock = clock;
		this.grace = grace;
	}

	@Override
	public Health health() {
		Instant limit = this.clock.instant().minus(this.grace);
		List<String> unrecovered = this.readings.orphans()
			.stream()
			.filter(orphan -> orphan.since().isBefore(limit))
			.map(orphan -> orphan.job() + " execution " + orphan.executionId() + ", orphaned since " + orphan.since())
			.sorted()
			.toList();
		return (unrecovered.isEmpty() ? Health.up() : Health.down().withDetail("unrecovered", unrecovered))
			.withDetail("orphaned", this.readings.orphans().size())
			.build();
	}

}
