package io.ambar.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ambar's metrics, {@code ambar.metrics.*}.
 *
 * @param refreshInterval how often the gauges read from the database (jobs' last runs, schedules, orphans) are
 * read again; a scrape never queries
 * @param orphanGrace how long an execution may stay orphaned before the {@code executions} health is DOWN: automatic
 * recovery looks every {@code ambar.recovery.interval} (15 s), after an owner's heartbeat is 30 s stale
 */
@Validated
@ConfigurationProperties("ambar.metrics")
record MetricsSettings(@DefaultValue("15s") Duration refreshInterval, @DefaultValue("2m") Duration orphanGrace) {
}
