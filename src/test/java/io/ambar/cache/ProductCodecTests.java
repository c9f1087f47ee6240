package io.ambar.cache;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProductCodecTests {

	static final CachedProduct ANVIL = new CachedProduct("SKU-0000042", "Anvil “Große” 50 kg", "Forged steel anvil, size L.",
			"Acme", "Tools", new BigDecimal("1234.50"), "EUR", "{\"size\": \"L\", \"colour\": \"black\"}", true, 17, 42,
			Instant.parse("2026-03-01T10:15:30.123456Z"));

	@Test
	void aProductRoundTripsWithItsVersionFirst() {
		byte[] encoded = ProductCodec.encode(CacheEntry.of(ANVIL));

		assertThat(ProductCodec.decode(ANVIL.sku(), encoded)).isEqualTo(CacheEntry.of(ANVIL));
		assertThat(ProductCodec.version(encoded)).isEqualTo(42);
	}

	@Test
	void nullFieldsAndAnInactiveProductRoundTrip() {
		CachedProduct bare = new CachedProduct("B-1", "Bare", null, null, null, new BigDecimal("0.00"), "USD", "{}", false,
				0, 1, Instant.parse("1969-12-31T23:59:59.999999Z"));

		assertThat(ProductCodec.decode("B-1", ProductCodec.encode(CacheEntry.of(bare))).product()).isEqualTo(bare);
	}

	@Test
	void anAbsentSkuIsNineBytesAtVersionZero() {
		byte[] encoded = ProductCodec.encode(CacheEntry.ABSENT);

		assertThat(encoded).hasSize(9);
		assertThat(ProductCodec.decode("X", encoded)).isEqualTo(CacheEntry.ABSENT);
	}

	@Test
	void isMuchSmallerThanTheProductsJson() {
		int json = JsonMapper.builder().build().writeValueAsBytes(ANVIL).length;
		int binary = ProductCodec.encode(CacheEntry.of(ANVIL)).length;

		assertThat(binary).isLessThan(json * 2 / 3);
	}

	@Test
	void refusesBytesItDidNotWrite() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProductCodec.decode("X", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 7 }));
		assertThatIllegalArgumentException().isThrownBy(() -> ProductCodec.decode("X", new byte[] { 0, 0, 0 }));
	}

}
