package io.ambar.housekeeping;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * What the housekeeping job keeps and for how long, {@code ambar.housekeeping.*}. Ages are counted back from the
 * run's launch; a bare number is days, and an age under an hour is refused (a typo must not empty the repository).
 *
 * @param executionAge job instances whose every execution is older than this go, with their ledgers and claims
 * @param rejectAge reject ledger rows older than this go, even of an instance that stays (never of a restartable one)
 * @param auditAge audit rows older than this go
 * @param stagingAge leftover staging tables of a completed or abandoned instance go this long after its end
 * @param processedFileAge files in an inbox's {@code processed/} directory older than this (by mtime) go
 * @param inboxDirs the inbox directories whose {@code processed/} files are swept (the scheduler's inboxes should
 * feed this list once they are merged; until then, list them here)
 * @param chunkSize the most one transaction deletes: job instances, rows, files, or staging tables (at most 50)
 */
@Validated
@ConfigurationProperties("ambar.housekeeping")
record HousekeepingSettings(@DefaultValue("90d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1) Duration executionAge,
		@DefaultValue("30d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1) Duration rejectAge,
		@DefaultValue("365d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1) Duration auditAge,
		@DefaultValue("7d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1) Duration stagingAge,
		@DefaultValue("30d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1) Duration processedFileAge,
		@DefaultValue List<Path> inboxDirs, @DefaultValue("1000") @Positive int chunkSize) {
}
