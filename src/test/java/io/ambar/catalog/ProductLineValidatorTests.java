package io.ambar.catalog;

import java.math.BigDecimal;

import io.ambar.feed.Reject;
import io.ambar.feed.RowProblem;
import io.ambar.feed.Validated;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ambar.catalog.FeedRecordBuilder.aProductRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProductLineValidatorTests {

	private final ProductLineValidator validator = new ProductLineValidator("EUR");

	@Test
	void acceptsAMinimalLineWithDefaults() {
		ProductLine line = valid(aProductRecord().with("sku", " A-1 ").line(7));

		assertThat(line.sku()).isEqualTo("A-1");
		assertThat(line.name()).isEqualTo("Anvil");
		assertThat(line.price()).isEqualTo(new BigDecimal("12.50"));
		assertThat(line.currency()).isEqualTo("EUR");
		assertThat(line.attributes()).isEqualTo("{}");
		assertThat(line.active()).isTrue();
		assertThat(line.description()).isNull();
		assertThat(line.brand()).isNull();
		assertThat(line.category()).isNull();
		assertThat(line.line()).isEqualTo(7);
	}

	@Test
	void treatsBlankOptionalFieldsAsAbsent() {
		ProductLine line = valid(aProductRecord().with("currency", "")
			.with("attributes", " ")
			.with("active", "")
			.with("brand", "  ")
			.with("description", ""));

		assertThat(line.currency()).isEqualTo("EUR");
		assertThat(line.attributes()).isEqualTo("{}");
		assertThat(line.active()).isTrue();
		assertThat(line.brand()).isNull();
		assertThat(line.description()).isNull();
	}

	@Test
	void passesOnTheReadersRowProblem() {
		Reject reject = rejected(aProductRecord().unreadable(RowProblem.MALFORMED_JSON, "unexpected end of input"));

		assertThat(reject.reason()).isEqualTo("MALFORMED_JSON");
		assertThat(reject.detail()).isEqualTo("unexpected end of input");
		assertThat(reject.sku()).isNull();
	}

	@Test
	void rejectsAMissingSku() {
		assertThat(rejected(aProductRecord().without("sku")).reason()).isEqualTo("MISSING_SKU");
		assertThat(rejected(aProductRecord().with("sku", "  ")).reason()).isEqualTo("MISSING_SKU");
	}

	@Test
	void rejectsASkuLongerThan64Characters() {
		assertThat(rejected(aProductRecord().with("sku", "S".repeat(65))).reason()).isEqualTo("INVALID_SKU");
	}

	@Test
	void rejectsAMissingOrBlankName() {
		assertThat(rejected(aProductRecord().without("name")).reason()).isEqualTo("MISSING_NAME");
		assertThat(rejected(aProductRecord().with("name", " \t ")).reason()).isEqualTo("MISSING_NAME");
	}

	@Test
	void trimsAndNormalisesTheNameToNfc() {
		ProductLine line = valid(aProductRecord().with("name", "  Cafe\u0301 noir "));

		assertThat(line.name()).isEqualTo("Caf\u00e9 noir");
	}

	@Test
	void acceptsADecomposedNameThatFits255CharactersAfterNfc() {
		String decomposed = "e\u0301".repeat(255);

		assertThat(valid(aProductRecord().with("name", decomposed)).name()).isEqualTo("\u00e9".repeat(255));
	}

	@Test
	void rejectsANameLongerThan255CharactersAfterNfc() {
		Reject reject = rejected(aProductRecord().with("name", "e\u0301".repeat(256)));

		assertThat(reject.reason()).isEqualTo("INVALID_NAME");
		assertThat(reject.sku()).isEqualTo("A-1");
		assertThat(reject.detail()).contains("256 characters");
	}

	@Test
	void rejectsANameWithAControlCharacter() {
		assertThat(rejected(aProductRecord().with("name", "An\u0000vil")).reason()).isEqualTo("INVALID_NAME");
	}

	@Test
	void rejectsAMissingPrice() {
		assertThat(rejected(aProductRecord().without("price")).reason()).isEqualTo("MISSING_PRICE");
		assertThat(rejected(aProductRecord().with("price", "")).reason()).isEqualTo("MISSING_PRICE");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12,50", "1e3", "1E3", "NaN", "Infinity", "-1", "+1", "1.234", "1.2.3", "12.", ".5",
			"1 000", "1_000", "0x10", "\uff11\uff12", "\u0661", "12345678901", "10000000000.00" })
	void rejectsAPriceThatIsNotAPlainDecimalFittingNumeric12And2(String price) {
		Reject reject = rejected(aProductRecord().with("price", price));

		assertThat(reject.reason()).isEqualTo("INVALID_PRICE");
		assertThat(reject.detail()).contains(price);
	}

	@Test
	void acceptsPlainPricesAndScalesThemTo2Digits() {
		assertThat(valid(aProductRecord().with("price", "0")).price()).isEqualTo(new BigDecimal("0.00"));
		assertThat(valid(aProductRecord().with("price", "12.5")).price()).isEqualTo(new BigDecimal("12.50"));
		assertThat(valid(aProductRecord().with("price", " 0012.30 ")).price()).isEqualTo(new BigDecimal("12.30"));
		assertThat(valid(aProductRecord().with("price", "9999999999.99")).price())
			.isEqualTo(new BigDecimal("9999999999.99"));
	}

	@Test
	void acceptsAnIsoCurrencyAfterTrimming() {
		assertThat(valid(aProductRecord().with("currency", " USD ")).currency()).isEqualTo("USD");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZZZ", "eur", "Eur", "EU", "EURO", "\u20ac" })
	void rejectsACurrencyThatIsNotAnIsoCode(String currency) {
		assertThat(rejected(aProductRecord().with("currency", currency)).reason()).isEqualTo("INVALID_CURRENCY");
	}

	@Test
	void refusesADefaultCurrencyThatIsNotAnIsoCode() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProductLineValidator("XYZ"))
			.withMessageContaining("XYZ");
	}

	@Test
	void storesAttributesWithSortedKeysAndCanonicalNumbers() {
		ProductLine line = valid(aProductRecord().with("attributes", """
				{ "size": {"w": 1.50, "h": 2}, "colour": "red", "weight": 1e3, "tags": ["b", "a"] }"""));

		assertThat(line.attributes())
			.isEqualTo("{\"colour\":\"red\",\"size\":{\"h\":2,\"w\":1.5},\"tags\":[\"b\",\"a\"],\"weight\":1000}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1, 2]", "42", "\"red\"", "true", "null", "{\"colour\": ", "{} {}",
			"{\"a\": 1, \"a\": 2}", "{\"a\": \"nul\\u0000\"}", "{\"a\": NaN}" })
	void rejectsAttributesThatAreNotOneJsonObject(String attributes) {
		assertThat(rejected(aProductRecord().with("attributes", attributes)).reason())
			.isEqualTo("INVALID_ATTRIBUTES");
	}

	@Test
	void acceptsActiveInAnyCase() {
		assertThat(valid(aProductRecord().with("active", "FALSE")).active()).isFalse();
		assertThat(valid(aProductRecord().with("active", "True")).active()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "0", "t", "falsey" })
	void rejectsActiveThatIsNeitherTrueNorFalse(String active) {
		assertThat(rejected(aProductRecord().with("active", active)).reason()).isEqualTo("INVALID_ACTIVE");
	}

	@Test
	void rejectsABrandOrCategoryLongerThan255Characters() {
		assertThat(rejected(aProductRecord().with("brand", "b".repeat(256))).reason()).isEqualTo("INVALID_FIELD");
		assertThat(rejected(aProductRecord().with("category", "c".repeat(256))).reason()).isEqualTo("INVALID_FIELD");
	}

	@Test
	void keepsALongMultiLineDescription() {
		String description = "Forged steel.\n" + "x".repeat(5000);

		assertThat(valid(aProductRecord().with("description", description)).description()).isEqualTo(description);
	}

	@Test
	void hashesEqualContentEquallyWhateverTheAttributeKeyOrder() {
		ProductLine one = valid(aProductRecord().with("attributes", "{\"a\": 1, \"b\": 2}").line(2));
		ProductLine other = valid(aProductRecord().with("attributes", "{\"b\":2,\"a\":1.0}").line(9));

		assertThat(one.contentHash()).isEqualTo(other.contentHash()).hasSize(64);
	}

	@Test
	void hashesFieldBoundariesUnambiguously() {
		ProductLine brandOnly = valid(aProductRecord().with("brand", "ab"));
		ProductLine brandAndCategory = valid(aProductRecord().with("brand", "a").with("category", "b"));

		assertThat(brandOnly.contentHash()).isNotEqualTo(brandAndCategory.contentHash());
	}

	@Test
	void hashesActiveAndPrice() {
		String base = valid(aProductRecord()).contentHash();

		assertThat(valid(aProductRecord().with("active", "false")).contentHash()).isNotEqualTo(base);
		assertThat(valid(aProductRecord().with("price", "12.51")).contentHash()).isNotEqualTo(base);
		assertThat(valid(aProductRecord().with("price", "12.5")).contentHash()).isEqualTo(base);
	}

	private ProductLine valid(FeedRecordBuilder record) {
		Validated<ProductLine> result = this.validator.process(record.build());
		assertThat(result).isInstanceOf(Validated.Valid.class);
		return ((Validated.Valid<ProductLine>) result).line();
	}

	private Reject rejected(FeedRecordBuilder record) {
		Validated<ProductLine> result = this.validator.process(record.build());
		assertThat(result).isInstanceOf(Validated.Rejected.class);
		return ((Validated.Rejected<ProductLine>) result).reject();
	}

}
