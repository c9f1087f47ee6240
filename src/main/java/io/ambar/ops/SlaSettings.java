package io.ambar.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a scheduled job counts as late, {@code ambar.sla.*}.
 *
 * @param grace how long after a fire time its run may take to complete before the job is late
 */
@ConfigurationProperties("ambar.sla")
record SlaSettings(@DefaultValue("30m") Duration grace) {
}
