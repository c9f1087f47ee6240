package io.ambar.ops.cli;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CommandArgumentsTests {

	private static final Set<String> OPTIONS = Set.of("job", "status");

	@Test
	void acceptsAnOptionAsTwoArgumentsWithEqualsOrAsKeyValue() {
		assertThat(CommandArguments.parse(List.of("--job", "stock-update"), OPTIONS).option("job")).isEqualTo("stock-update");
		assertThat(CommandArguments.parse(List.of("--job=stock-update"), OPTIONS).option("job")).isEqualTo("stock-update");
		assertThat(CommandArguments.parse(List.of("status=FAILED"), OPTIONS).option("status")).isEqualTo("FAILED");
	}

	@Test
	void keepsOtherArgumentsPositional() {
		CommandArguments arguments = CommandArguments.parse(List.of("12", "--status", "FAILED"), OPTIONS);

		assertThat(arguments.positional()).containsExactly("12");
		assertThat(arguments.executionId("usage")).isEqualTo(12);
	}

	@Test
	void refusesAnUnknownOptionAndAnOptionWithoutValue() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandArguments.parse(List.of("--jobs", "x"), OPTIONS))
			.withMessageContaining("unknown option '--jobs'");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandArguments.parse(List.of("--job"), OPTIONS))
			.withMessageContaining("needs a value");
	}

	@Test
	void refusesAnExecutionIdThatIsNotAPositiveNumber() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandArguments.parse(List.of("abc"), OPTIONS).executionId("usage"))
			.withMessage("'abc' is not an execution id (a positive whole number)");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandArguments.parse(List.of("0"), OPTIONS).executionId("usage"));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandArguments.parse(List.of(), OPTIONS).executionId("usage"));
	}

}
