package io.ambar.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenSkusTests {

	@Test
	void neverCallsASkuNewTheSecondTime() {
		SeenSkus seen = new SeenSkus();
		for (int i = 0; i < 100_000; i++) {
			seen.add("SKU-" + i);
		}
		for (int i = 0; i < 100_000; i++) {
			assertThat(seen.add("SKU-" + i)).as("SKU-%d", i).isTrue();
		}
	}

	@Test
	void rarelyTakesAMillionDistinctSkusForRepeats() {
		SeenSkus seen = new SeenSkus();
		int maybe = 0;
		for (int i = 0; i < 1_000_000; i++) {
			if (seen.add(String.format("SKU-%08d", i))) {
				maybe++;
			}
		}
		// each maybe costs classify one SKU to check; a few hundred in a million is noise
		assertThat(maybe).isLessThan(1_000);
	}

	@Test
	void keepsTheCaseOfSkusApart() {
		SeenSkus seen = new SeenSkus();
		seen.add("a-1");

		assertThat(seen.add("A-1")).isFalse();
	}

}
