package io.ambar.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ambar.feed.FeedReader;
import io.ambar.feed.Reject;
import io.ambar.feed.Validated;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON types of product-sync's fields, through the reader and the validator as the load step runs them.
 */
class ProductJsonTypesTests {

	private static final DataSize FEED_LIMIT = DataSize.ofGigabytes(64);

	private final ProductLineValidator validator = new ProductLineValidator("EUR");

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			sku         | {"a":1}   | sku must be a string or an integer, got an object
			sku         | ["x"]     | sku must be a string or an integer, got an array
			sku         | true      | sku must be a string or an integer, got a boolean
			sku         | 12.5      | sku must be a string or an integer, got a number
			name        | {"x":1}   | name must be a string, got an object
			name        | 42        | name must be a string, got a number
			description | ["a"]     | description must be a string, got an array
			description | false     | description must be a string, got a boolean
			brand       | {"x":1}   | brand must be a string, got an object
			brand       | 7         | brand must be a string, got a number
			category    | ["a","b"] | category must be a string, got an array
			category    | true      | category must be a string, got a boolean
			currency    | 978       | currency must be a string, got a number
			currency    | {"c":1}   | currency must be a string, got an object
			price       | true      | price must be a number or a string, got a boolean
			price       | {"a":1}   | price must be a number or a string, got an object
			price       | ["1"]     | price must be a number or a string, got an array
			active      | 1         | active must be a boolean or a string, got a number
			active      | {"a":1}   | active must be a boolean or a string, got an object
			attributes  | "{}"      | attributes must be an object, got a string
			attributes  | [1]       | attributes must be an object, got an array
			attributes  | 5         | attributes must be an object, got a number
			attributes  | true      | attributes must be an object, got a boolean
			""")
	void rejectsAFieldOfTheWrongJsonTypeNamingTheFieldAndTheTypeItGot(String field, String value, String detail)
			throws IOException {
		Reject reject = rejected(line(field, value));

		assertThat(reject.reason()).isEqualTo("WRONG_TYPE");
		assertThat(reject.detail()).isEqualTo(detail);
		assertThat(reject.sku()).isEqualTo(field.equals("sku") ? null : "A-1");
	}

	@Test
	void rejectsAPriceInScientificNotationAsANumberOrAsAString() throws IOException {
		assertThat(rejected(line("price", "1e3")).reason()).isEqualTo("INVALID_PRICE");
		assertThat(rejected(line("price", "\"1e3\"")).reason()).isEqualTo("INVALID_PRICE");
	}

	@Test
	void acceptsAnIntegerSkuAsItsDecimalTextAndPricesAsNumbersOrStrings() throws IOException {
		assertThat(valid(line("sku", "12345")).sku()).isEqualTo("12345");
		assertThat(valid(line("price", "12.5")).price()).isEqualTo(new BigDecimal("12.50"));
		assertThat(valid(line("price", "\"12.5\"")).price()).isEqualTo(new BigDecimal("12.50"));
	}

	@Test
	void acceptsActiveAsABooleanOrTheStringsTrueAndFalse() throws IOException {
		assertThat(valid(line("active", "false")).active()).isFalse();
		assertThat(valid(line("active", "\"false\"")).active()).isFalse();
		assertThat(rejected(line("active", "\"no\"")).reason()).isEqualTo("INVALID_ACTIVE");
	}

	@Test
	void takesNullForAnOptionalFieldAsAbsent() throws IOException {
		ProductLine line = valid("""
				{"sku":"A-1","name":"Anvil","price":1,"description":null,"brand":null,"category":null,\
				"currency":null,"attributes":null,"active":null}""");

		assertThat(line.description()).isNull();
		assertThat(line.brand()).isNull();
		assertThat(line.category()).isNull();
		assertThat(line.currency()).isEqualTo("EUR");
		assertThat(line.attributes()).isEqualTo("{}");
		assertThat(line.active()).isTrue();
	}

	@Test
	void takesNullForARequiredFieldAsMissing() throws IOException {
		assertThat(rejected(line("name", "null")).reason()).isEqualTo("MISSING_NAME");
	}

	@Test
	void rejectsAnUnpairedSurrogateInAnyTextAsInvalidText() throws IOException {
		assertThat(rejected(line("name", "\"An\\ud800vil\"")).reason()).isEqualTo("INVALID_TEXT");
		assertThat(rejected(line("description", "\"\\udfff\"")).reason()).isEqualTo("INVALID_TEXT");
		assertThat(rejected(line("attributes", "{\"colour\":[\"r\\ud800\"]}")).reason()).isEqualTo("INVALID_TEXT");
		Reject sku = rejected(line("sku", "\"A-\\ud800\""));
		assertThat(sku.reason()).isEqualTo("INVALID_TEXT");
		assertThat(sku.sku()).isNull();
	}

	/** A valid product line with one field replaced by the given JSON value. */
	private static String line(String field, String value) {
		StringBuilder json = new StringBuilder("{");
		for (String[] pair : new String[][] { { "sku", "\"A-1\"" }, { "name", "\"Anvil\"" }, { "price", "\"12.50\"" } }) {
			if (!pair[0].equals(field)) {
				json.append('"').append(pair[0]).append("\":").append(pair[1]).append(',');
			}
		}
		return json.append('"').append(field).append("\":").append(value).append('}').toString();
	}

	private ProductLine valid(String json) throws IOException {
		Validated<ProductLine> result = validate(json);
		assertThat(result).isInstanceOf(Validated.Valid.class);
		return ((Validated.Valid<ProductLine>) result).line();
	}

	private Reject rejected(String json) throws IOException {
		Validated<ProductLine> result = validate(json);
		assertThat(result).isInstanceOf(Validated.Rejected.class);
		return ((Validated.Rejected<ProductLine>) result).reject();
	}

	private Validated<ProductLine> validate(String json) throws IOException {
		Path file = Files.writeString(this.dir.resolve("products.jsonl"), json + "\n", StandardCharsets.UTF_8);
		FeedReader reader = new FeedReader(file, ProductLine.FIELDS, false, FEED_LIMIT);
		try {
			reader.open(new ExecutionContext());
			return this.validator.process(reader.read());
		}
		finally {
			reader.close();
		}
	}

}
