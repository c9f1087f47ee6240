package io.ambar.ops;

import java.io.StringWriter;
import java.util.List;

import io.ambar.feed.LedgerText;
import io.ambar.feed.Reject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectCsvTests {

	@Test
	void prefixesCellsThatASpreadsheetWouldRunAsFormulas() {
		assertThat(RejectCsv.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
		assertThat(RejectCsv.cell("+1")).isEqualTo("'+1");
		assertThat(RejectCsv.cell("-2")).isEqualTo("'-2");
		assertThat(RejectCsv.cell("@x")).isEqualTo("'@x");
		assertThat(RejectCsv.cell("\tA")).isEqualTo("'\tA");
		assertThat(RejectCsv.cell("SKU-1")).isEqualTo("SKU-1");
	}

	@Test
	void quotesCommasQuotesAndLineBreaks() {
		assertThat(RejectCsv.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(RejectCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(RejectCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(RejectCsv.cell("\rx")).isEqualTo("\"'\rx\"");
		assertThat(RejectCsv.cell("=1,2")).isEqualTo("\"'=1,2\"");
		assertThat(RejectCsv.cell(null)).isEmpty();
	}

	@Test
	void writesAHeaderAndOneCrlfTerminatedRecordPerReject() throws Exception {
		StringWriter out = new StringWriter();

		RejectCsv.write(List.of(new Reject(7, "=cmd,-2", "=cmd", "INVALID_QUANTITY", "quantity '-2' is not a whole number"),
				new Reject(9, "A-1,\"x\"", null, "WRONG_COLUMN_COUNT", "3 fields, 2 expected")), out);

		assertThat(out.toString()).isEqualTo("line,reason,sku,detail,raw,raw_cut\r\n"
				+ "7,INVALID_QUANTITY,'=cmd,quantity '-2' is not a whole number,\"'=cmd,-2\",false\r\n"
				+ "9,WRONG_COLUMN_COUNT,,\"3 fields, 2 expected\",\"A-1,\"\"x\"\"\",false\r\n");
	}

	@Test
	void saysWhichRawTextsTheLedgerKeptOnlyTheStartOf() throws Exception {
		StringWriter out = new StringWriter();
		String cut = LedgerText.cut("x".repeat(5000));

		RejectCsv.write(List.of(new Reject(3, cut, null, "LINE_TOO_LONG", "5,000 bytes"),
				new Reject(4, "ends like a note… [cut: 1 bytes in all] but is not long", null, "MALFORMED_CSV", "x")), out);

		assertThat(out.toString().split("\r\n")).satisfiesExactly(
				header -> assertThat(header).isEqualTo(RejectCsv.HEADER),
				first -> assertThat(first).startsWith("3,LINE_TOO_LONG,,").endsWith("… [cut: 5,000 bytes in all]\",true"),
				second -> assertThat(second).endsWith(",false"));
	}

}
