package io.ambar.ops;

import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Automatic recovery of orphaned executions in {@code server}, {@code ambar.recovery.*}.
 *
 * @param enabled look for orphans at all
 * @param interval how often to look; an orphan is seen within this plus the heartbeat's staleness (30 s)
 * @param maxAttempts automatic restarts of one job instance before it is left to an operator (0: recover only)
 */
@Validated
@ConfigurationProperties("ambar.recovery")
record RecoverySettings(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
		@DefaultValue("3") @PositiveOrZero int maxAttempts) {
}
