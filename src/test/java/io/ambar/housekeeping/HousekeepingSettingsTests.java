package io.ambar.housekeeping;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingSettingsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void keepsExecutionsNinetyDaysRejectsThirtyAndAuditAYearByDefault() {
		this.context.run(started -> {
			HousekeepingSettings settings = started.getBean(HousekeepingSettings.class);
			assertThat(settings.executionAge()).isEqualTo(Duration.ofDays(90));
			assertThat(settings.rejectAge()).isEqualTo(Duration.ofDays(30));
			assertThat(settings.auditAge()).isEqualTo(Duration.ofDays(365));
			assertThat(settings.stagingAge()).isEqualTo(Duration.ofDays(7));
			assertThat(settings.processedFileAge()).isEqualTo(Duration.ofDays(30));
			assertThat(settings.inboxDirs()).isEmpty();
		});
	}

	@Test
	void readsABareNumberAsDaysNotMilliseconds() {
		this.context.withPropertyValues("ambar.housekeeping.execution-age=30", "ambar.housekeeping.inbox-dirs=/a,/b")
			.run(started -> {
				HousekeepingSettings settings = started.getBean(HousekeepingSettings.class);
				assertThat(settings.executionAge()).isEqualTo(Duration.ofDays(30));
				assertThat(settings.inboxDirs()).containsExactly(Path.of("/a"), Path.of("/b"));
			});
	}

	@Test
	void refusesAnAgeUnderAnHourRatherThanEmptyTheRepository() {
		this.context.withPropertyValues("ambar.housekeeping.reject-age=10m")
			.run(started -> assertThat(started).getFailure().hasStackTraceContaining("rejectAge"));
	}

	@EnableConfigurationProperties(HousekeepingSettings.class)
	static class Settings {

	}

}
