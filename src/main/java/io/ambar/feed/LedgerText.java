package io.ambar.feed;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How much of a rejected line's text the ledger keeps: up to {@value #MAX_CHARS} characters whole, a longer text
 * as its first {@value #KEPT_CHARS} and a note of its full size, {@code … [cut: 3,145,728 bytes in all]}. One
 * huge line must not bloat the ledger, the staging table or an export.
 */
public final class LedgerText {

	/** Texts up to this many characters are kept whole. */
	public static final int MAX_CHARS = 4096;

	/** Characters kept of a longer text, before the note; text and note stay within {@link #MAX_CHARS}. */
	public static final int KEPT_CHARS = 4000;

	private static final Pattern NOTE = Pattern.compile("… \\[cut: [0-9,]+ bytes in all]$");

	private LedgerText() {
	}

	/** The text as the ledger keeps it (see above); null stays null, and a text cut before is left as it is. */
	public static @Nullable String cut(@Nullable String text) {
		if (text == null || text.length() <= MAX_CHARS) {
			return text;
		}
		return cut(text, utf8Length(text));
	}

	/**
	 * The first {@value #KEPT_CHARS} characters of a text (fewer rather than half a surrogate pair), and the note.
	 * @param start the text, or at least its first {@value #KEPT_CHARS} characters
	 * @param bytesInAll the UTF-8 size of the whole text
	 */
	static String cut(CharSequence start, long bytesInAll) {
		int kept = Math.min(KEPT_CHARS, start.length());
		if (kept > 0 && Character.isHighSurrogate(start.charAt(kept - 1))) {
			kept--;
		}
		return start.subSequence(0, kept) + String.format(Locale.ROOT, "… [cut: %,d bytes in all]", bytesInAll);
	}

	/** Whether the text is one that {@link #cut} shortened. */
	public static boolean isCut(@Nullable String text) {
		return text != null && text.length() <= MAX_CHARS && text.endsWith(" bytes in all]")
				&& NOTE.matcher(text).find();
	}

	/** The number of bytes the text takes in UTF-8. */
	static long utf8Length(CharSequence text) {
		long bytes = 0;
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
