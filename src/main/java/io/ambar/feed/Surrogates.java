package io.ambar.feed;

import java.util.Locale;

/**
 * Finds UTF-16 surrogates without their other half. Such text has no UTF-8 form: encoders silently write
 * {@code ?} for it, so it is rejected or escaped, never stored.
 */
final class Surrogates {

	private Surrogates() {
	}

	/** The index of the first unpaired surrogate in the text, or -1 when every one is paired. */
	static int firstUnpaired(CharSequence text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else {
					return i;
				}
			}
		}
		return -1;
	}

	/** The text with each unpaired surrogate written as an escape: backslash, {@code u}, four hex digits. */
	static String escaped(String text) {
		if (firstUnpaired(text) < 0) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				escaped.append(c).append(text.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				escaped.append(escape(c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/** The escape of one surrogate: backslash, {@code u}, four hex digits. */
	static String escape(char surrogate) {
		return String.format(Locale.ROOT, "\\u%04x", (int) surrogate);
	}

}
