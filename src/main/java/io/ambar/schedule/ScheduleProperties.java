package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduling, {@code ambar.schedule.*}. The Quartz settings are Spring Boot's ({@code spring.quartz.*}), and the
 * pool of Quartz's connections is {@code ambar.schedule.quartz-pool.*} (HikariCP's settings).
 *
 * @param dir the schedule directory: every {@code *.yml} file directly in it is a schedule, reconciled into the
 * store when a server starts
 * @param inboxSettleTime a file in an inbox is taken once it has not changed (size, modification time) for this long
 */
@ConfigurationProperties("ambar.schedule")
record ScheduleProperties(@DefaultValue("jobs") Path dir, @DefaultValue("5s") Duration inboxSettleTime) {
}
