package io.ambar.feed;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class CopyInTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void copiesTextAsWrittenWithQuotesSeparatorsLineBreaksAndNulls() {
		List<String> values = List.of("plain", "with \"quotes\"", "a,b", "two\nlines", "\"", "", "{\"k\":\"v\"}");
		this.jdbc.sql("DROP TABLE IF EXISTS copy_in_test").update();
		this.jdbc.sql("CREATE TABLE copy_in_test (n bigint, v text)").update();

		long copied = this.transaction.execute(status -> {
			CopyIn rows = new CopyIn();
			for (int i = 0; i < values.size(); i++) {
				rows.add(i).add(values.get(i)).endRow();
			}
			rows.add(values.size()).add((String) null).endRow();
			rows.add(values.size() + 1).add("nul\0here").endRow();
			try {
				return rows.copyInto(this.dataSource, "copy_in_test (n, v)");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		assertThat(copied).isEqualTo(values.size() + 2);
		List<String> back = this.jdbc.sql("SELECT coalesce(v, '<null>') FROM copy_in_test ORDER BY n").query(String.class).list();
		assertThat(back.subList(0, values.size())).isEqualTo(values);
		assertThat(back.subList(values.size(), back.size())).containsExactly("<null>", "nul\\u0000here");
	}

}
