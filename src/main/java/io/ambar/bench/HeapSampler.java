package io.ambar.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The peak heap in use while a contender runs, sampled every 10 ms on a daemon thread.
 * <p>
 * It starts after a {@code System.gc()}, so a contender is not charged with the garbage of the one before. Used heap
 * includes garbage not yet collected: with a large {@code -Xmx} it says more about the collector than about the
 * contender; run with a small {@code -Xmx} to see what a contender really needs.
 */
final class HeapSampler implements AutoCloseable {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final Thread sampler;

	private volatile boolean running = true;

	private volatile long peak;

	private HeapSampler() {
		this.sampler = new Thread(this::sample, "bench-heap-sampler");
		this.sampler.setDaemon(true);
	}

	static HeapSampler start() {
		System.gc();
		HeapSampler heap = new HeapSampler();
		heap.peak = heap.used();
		heap.sampler.start();
		return heap;
	}

	long peakBytes() {
		return Math.max(this.peak, used());
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.sampler.join();
	}

	private void sample() {
		while (this.running) {
			this.peak = Math.max(this.peak, used());
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private long used() {
		return this.memory.getHeapMemoryUsage().getUsed();
	}

}
