package io.ambar.bench;

import java.util.SplittableRandom;

/**
 * A seeded permutation of {@code 0..size-1}, {@code k -> (multiplier * k + offset) mod size}, so that feeds can be
 * written in an unsorted order without holding a shuffled list of every line in memory.
 * <p>
 * The multiplier is coprime with the size, which is what makes the mapping a bijection.
 */
record Shuffle(int size, long multiplier, long offset) {

	static Shuffle of(int size, long seed) {
		if (size <= 1) {
			return new Shuffle(size, 1, 0);
		}
		SplittableRandom random = new SplittableRandom(seed);
		long multiplier = random.nextLong(size / 3 + 1, size);
		while (gcd(multiplier, size) != 1) {
			multiplier++;
			if (multiplier >= size) {
				multiplier = 1;
			}
		}
		return new Shuffle(size, multiplier, random.nextLong(size));
	}

	/** The item at position {@code k}, {@code 0 <= k < size}; {@code multiplier * k} fits a long for any int size. */
	int apply(int k) {
		return (int) ((this.multiplier * k + this.offset) % this.size);
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

}
