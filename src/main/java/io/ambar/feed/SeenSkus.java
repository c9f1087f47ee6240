package io.ambar.feed;

/**
 * A fixed-size filter of the SKUs a load has staged: it answers "certainly new" or "maybe seen before", never
 * wrongly "new". 16 MiB whatever the feed's size; a maybe is checked in the database.
 */
final class SeenSkus {

	private static final int BITS = 1 << 27;

	private final long[] words = new long[BITS / Long.SIZE];

	/**
	 * Adds the SKU.
	 * @return false when the SKU certainly was not added before, true when it may have been
	 */
	boolean add(String sku) {
		long hash = fnv1a64(sku);
		boolean seen = set((int) hash & (BITS - 1));
		return set((int) (hash >>> 32) & (BITS - 1)) & seen;
	}

	private boolean set(int bit) {
		long mask = 1L << bit;
		int word = bit >>> 6;
		boolean wasSet = (this.words[word] & mask) != 0;
		this.words[word] |= mask;
		return wasSet;
	}

	// 64-bit FNV-1a with a final mix: String.hashCode's 32 bits collide too often for a million SKUs
	private static long fnv1a64(String text) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < text.length(); i++) {
			hash ^= text.charAt(i);
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		return hash ^ (hash >>> 33);
	}

}
