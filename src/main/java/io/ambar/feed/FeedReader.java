package io.ambar.feed;
import java.io.*; import java.nio.charset.StandardCharsets; import java.nio.file.*; import java.util.*; import java.util.zip.GZIPInputStream;
import org.springframework.batch.infrastructure.item.*;
public class FeedReader extends ItemStreamSupport implements ItemStreamReader<FeedRecord> {
	private final Path file; private final Set<String> required; private final boolean allowEmpty;
	private BufferedReader in; private String[] header; private long line; private long records;
	public FeedReader(Path file, Set<String> required, boolean allowEmpty) { this.file = file; this.required = required; this.allowEmpty = allowEmpty; }
	@Override public void open(ExecutionContext ctx) {
		try { InputStream s = Files.newInputStream(file); if (file.toString().endsWith(".gz")) s = new GZIPInputStream(s);
			in = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
			String h = in.readLine(); line = 1; if (h == null) throw new FeedFileException(file, 0, "missing header row");
			header = h.toLowerCase(Locale.ROOT).split(",", -1);
			for (String r : required) if (!Arrays.asList(header).contains(r)) throw new FeedFileException(file, 1, "missing required column '" + r + "'");
			long skip = ctx.getLong(getExecutionContextKey("records"), 0); while (records < skip) read();
		} catch (IOException e) { throw new FeedFileException(file, 0, "cannot read: " + e.getMessage()); } }
	@Override public FeedRecord read() { try { String l; do { l = in.readLine(); line++; } while (l != null && l.isEmpty());
		if (l == null) { if (records == 0 && !allowEmpty) throw new FeedFileException(file, 0, "no data rows"); return null; }
		String[] v = l.split(",", -1); records++;
		if (v.length != header.length) return new FeedRecord(line, l, Map.of(), new RowProblem(RowProblem.WRONG_COLUMN_COUNT, "x"));
		Map<String, String> m = new HashMap<>(); for (int i = 0; i < v.length; i++) m.put(header[i], v[i]); return new FeedRecord(line, l, m, null);
	} catch (IOException e) { throw new FeedFileException(file, line, e.getMessage()); } }
	@Override public void update(ExecutionContext ctx) { ctx.putLong(getExecutionContextKey("records"), records); }
	@Override public void close() { try { if (in != null) in.close(); } catch (IOException e) { } }
}
