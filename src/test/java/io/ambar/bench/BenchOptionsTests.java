package io.ambar.bench;

import java.nio.file.Path;
import java.util.List;

import io.ambar.ops.cli.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTests {

	@Test
	void defaultsToWarmRunsOfThreeWithTheSqlReferencesAndNoStartUp() {
		BenchOptions options = BenchOptions.parse(List.of());

		assertThat(options.cold()).isFalse();
		assertThat(options.repeat()).isEqualTo(3);
		assertThat(options.scenarios()).containsExactly(Scenario.S1, Scenario.S2, Scenario.P1, Scenario.P2);
		assertThat(options.contenders()).containsExactly(Contender.RAW, Contender.SMART, Contender.CSV,
				Contender.PLAIN, Contender.AMBAR, Contender.PERROW);
		assertThat(options.timesStartup()).isFalse();
		assertThat(options.jar()).isNull();
	}

	@Test
	void coldModeTimesTheScenariosAsProcessesAndStartUpToo() {
		BenchOptions options = BenchOptions.parse(List.of("mode=COLD", "repeat=5", "only=stock", "jar=/opt/ambar.jar"));

		assertThat(options.cold()).isTrue();
		assertThat(options.repeat()).isEqualTo(5);
		assertThat(options.scenarios()).containsExactly(Scenario.S1, Scenario.S2);
		assertThat(options.timesStartup()).isTrue();
		assertThat(options.jar()).isEqualTo(Path.of("/opt/ambar.jar"));
	}

	@Test
	void onlyStartupRunsNoFeedScenario() {
		BenchOptions options = BenchOptions.parse(List.of("only=startup"));

		assertThat(options.scenarios()).isEmpty();
		assertThat(options.timesStartup()).isTrue();
		assertThat(options.repository() || options.console() || options.cache()).isFalse();
	}

	@Test
	void keepsTheOtherScenariosAndContenders() {
		assertThat(BenchOptions.parse(List.of("only=repository", "reps=7")).repository()).isTrue();
		assertThat(BenchOptions.parse(List.of("only=console")).console()).isTrue();
		assertThat(BenchOptions.parse(List.of("only=cache")).cache()).isTrue();
		assertThat(BenchOptions.parse(List.of("only=S1")).scenarios()).containsExactly(Scenario.S1);
		assertThat(BenchOptions.parse(List.of("only=p2")).scenarios()).containsExactly(Scenario.P2);
		assertThat(BenchOptions.parse(List.of("contenders=csv, smart,raw,observed-items")).contenders())
			.containsExactly(Contender.RAW, Contender.SMART, Contender.CSV, Contender.OBSERVED_ITEMS);
	}

	@Test
	void refusesAnUnknownModeContenderOrScenarioAndARepeatThatIsNotPositive() {
		assertThatThrownBy(() -> BenchOptions.parse(List.of("mode=lukewarm"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("mode must be warm or cold");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("contenders=raw,clever"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("unknown contender 'clever'");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("only=boot"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("startup");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("repeat=0"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("repeat must be a positive whole number");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("repeat"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("expected key=value");
	}

	@Test
	void theSlowContendersRunOnceAndOnlyTheSqlOnesAndAmbarRunColdTheNestedJarOnlyCold() {
		assertThat(Contender.PLAIN.runsOnce()).isTrue();
		assertThat(Contender.PERROW.runsOnce()).isTrue();
		assertThat(Contender.AMBAR.runsOnce()).isFalse();
		assertThat(Contender.CSV.appliesTo(Scenario.S1)).isFalse();
		assertThat(Contender.CSV.appliesTo(Scenario.P1)).isTrue();
		assertThat(List.of(Contender.values()).stream().filter(Contender::runsCold))
			.containsExactly(Contender.RAW, Contender.SMART, Contender.CSV, Contender.AMBAR, Contender.NESTED);
		assertThat(List.of(Contender.values()).stream().filter(Contender::coldOnly)).containsExactly(Contender.NESTED);
		assertThat(Contender.NESTED.ambar()).isTrue();
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Timings.medianSeconds(new long[] { 3_000_000_000L, 1_000_000_000L, 2_000_000_000L })).isEqualTo(2.0);
		assertThat(Timings.medianSeconds(new long[] { 4_000_000_000L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L }))
			.isEqualTo(2.5);
		assertThat(Timings.secondsWithRange(new long[] { 3_000_000_000L, 1_000_000_000L, 2_000_000_000L }))
			.isEqualTo("2.00 (1.00–3.00)");
		assertThat(Timings.secondsWithRange(new long[] { 1_500_000_000L })).isEqualTo("1.50");
	}

}
