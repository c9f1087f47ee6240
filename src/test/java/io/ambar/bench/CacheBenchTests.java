package io.ambar.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench only=cache} on a small catalogue, against the local Redis. */
@SpringBootTest
@EnabledIf(value = "io.ambar.cache.LocalRedis#answers", disabledReason = "no Redis answers on 127.0.0.1:6379")
class CacheBenchTests {

	@Autowired
	BenchCommand bench;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@Test
	void printsTheReadWarmAndHeapTablesAndLeavesNoProductsBehind() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exit = this.bench.run(List.of("only=cache", "rows=3000", "seconds=1", "warmup=1", "rounds=1", "connections=4",
				"dir=" + this.dir, "out=" + this.dir.resolve("results.md")), new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(report).contains("### C1 GET /api/products/{sku} over HTTP (3,000 products", "| L1 hit (L1 + Redis) |",
				"| Redis hit (L1 off) |", "| cache off (PostgreSQL) |", "### C2 cache-warm of 3,000 products",
				"### C3 heap while one node reads 3,000 distinct SKUs")
			.doesNotContain("### S1");
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isZero();
	}

	@Test
	void readsTheCacheOptionsAndRefusesARedisThatIsNotHostAndPort() {
		assertThat(BenchOptions.parse(List.of("only=cache", "redis=10.0.0.5:6380"))).satisfies(options -> {
			assertThat(options.cache()).isTrue();
			assertThat(options.scenarios()).isEmpty();
			assertThat(options.redisHost()).isEqualTo("10.0.0.5");
			assertThat(options.redisPort()).isEqualTo(6380);
		});
		org.assertj.core.api.Assertions.assertThatExceptionOfType(io.ambar.ops.cli.UsageException.class)
			.isThrownBy(() -> BenchOptions.parse(List.of("redis=localhost")));
	}

}
