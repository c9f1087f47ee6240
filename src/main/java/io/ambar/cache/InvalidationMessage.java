package io.ambar.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The invalidation message: one {@code <sku> TAB <version>} line per changed product, UTF-8. SKUs hold no control
 * characters (the feeds refuse them), so tabs and newlines cannot occur in them.
 */
final class InvalidationMessage {

	private InvalidationMessage() {
	}

	static byte[] encode(List<SkuVersion> changed) {
		StringBuilder text = new StringBuilder(changed.size() * 24);
		for (SkuVersion one : changed) {
			text.append(one.sku()).append('\t').append(one.version()).append('\n');
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The SKUs and versions of a message; lines that do not parse are left out. */
	static List<SkuVersion> decode(byte[] message) {
		List<SkuVersion> changed = new ArrayList<>();
		for (String line : new String(message, StandardCharsets.UTF_8).split("\n")) {
			int tab = line.lastIndexOf('\t');
			if (tab > 0) {
				try {
					changed.add(new SkuVersion(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))));
				}
				catch (NumberFormatException ex) {
					// not one of ours: another application publishing on the channel
				}
			}
		}
		return changed;
	}

}
