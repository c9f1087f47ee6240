package io.ambar.ops.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTests {

	@Test
	void takesDottedAndPrefixedDoubleDashArgumentsAsSpringProperties() {
		assertThat(CommandLine.isSpringProperty("--spring.datasource.url=jdbc:postgresql://db/ambar")).isTrue();
		assertThat(CommandLine.isSpringProperty("--ambar.stock.load-chunk-size=1000")).isTrue();
		assertThat(CommandLine.isSpringProperty("--logging.level.root=DEBUG")).isTrue();
		assertThat(CommandLine.isSpringProperty("--debug")).isTrue();
		assertThat(CommandLine.isSpringProperty("--server.port=8081")).isTrue();
	}

	@Test
	void leavesCommandOptionsToTheCommand() {
		assertThat(CommandLine.isSpringProperty("--job")).isFalse();
		assertThat(CommandLine.isSpringProperty("--server")).isFalse();
		assertThat(CommandLine.isSpringProperty("--server=http://localhost:8080")).isFalse();
		assertThat(CommandLine.isSpringProperty("--status")).isFalse();
		assertThat(CommandLine.isSpringProperty("--csv=rejects.csv")).isFalse();
		assertThat(CommandLine.isSpringProperty("stock-update")).isFalse();
		assertThat(CommandLine.isSpringProperty("file=feeds/stock.csv")).isFalse();
	}

}
