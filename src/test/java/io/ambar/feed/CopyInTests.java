package io.ambar.feed;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SpringBootTest
class CopyInTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@BeforeEach
	void createTable() {
		this.jdbc.sql("DROP TABLE IF EXISTS copy_in_test").update();
		this.jdbc.sql("CREATE TABLE copy_in_test (n bigint, v text)").update();
	}

	@Test
	void copiesTextAsWrittenWithQuotesSeparatorsLineBreaksAndNulls() {
		List<String> values = List.of("plain", "with \"quotes\"", "a,b", "two\nlines", "\"", "", "{\"k\":\"v\"}");
		CopyIn rows = new CopyIn();
		for (int i = 0; i < values.size(); i++) {
			rows.add(i).add(values.get(i)).endRow();
		}
		rows.add(values.size()).add((String) null).endRow();
		rows.add(values.size() + 1).add("nul\0here").endRow();

		assertThat(copy(rows)).isEqualTo(values.size() + 2);

		List<String> back = copied();
		assertThat(back.subList(0, values.size())).isEqualTo(values);
		assertThat(back.subList(values.size(), back.size())).containsExactly("<null>", "nul\\u0000here");
	}

	@Test
	void copiesTextOutsideTheBasicPlaneIntactAcrossManyBuffers() {
		// odd-length ASCII between the emoji moves the surrogate pairs across every buffer boundary
		List<String> values = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			StringBuilder value = new StringBuilder("x".repeat(i % 7));
			for (int j = 0; j < 40; j++) {
				value.appendCodePoint(0x1F600 + (i + j) % 80).append((j % 3 == 0) ? "," : "");
			}
			values.add(value.toString());
		}
		CopyIn rows = new CopyIn();
		for (int i = 0; i < values.size(); i++) {
			rows.add(i).add(values.get(i)).endRow();
		}

		copy(rows);

		assertThat(copied()).isEqualTo(values);
	}

	@Test
	void refusesAnUnpairedSurrogateRatherThanStoreAQuestionMark() {
		CopyIn rows = new CopyIn().add(1).add("ok").endRow().add(2).add("bad \ud800 text").endRow();

		assertThatIllegalArgumentException().isThrownBy(() -> copy(rows)).withMessageContaining("\\ud800");
		assertThat(copied()).isEmpty();
	}

	private long copy(CopyIn rows) {
		return this.transaction.execute(status -> {
			try {
				return rows.copyInto(this.dataSource, "copy_in_test (n, v)");
			}
			catch (IllegalArgumentException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private List<String> copied() {
		return this.jdbc.sql("SELECT coalesce(v, '<null>') FROM copy_in_test ORDER BY n").query(String.class).list();
	}

}
