package io.ambar.feed;
public record RowProblem(String reason, String detail) {
	public static final String WRONG_COLUMN_COUNT = "WRONG_COLUMN_COUNT";
	public static final String MALFORMED_JSON = "MALFORMED_JSON";
	public static final String MALFORMED_CSV = "MALFORMED_CSV";
}
