package io.ambar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator (written here because {@code wrk} may be missing and the JDK client costs
 * more CPU than the server it measures): one thread and one keep-alive connection per client, each sending
 * {@code GET} of a random path from the list and reading the whole response before the next. Latency is measured
 * per request from send to last byte; being closed-loop, it does not count the time a request would have waited to
 * be sent (coordinated omission).
 */
final class HttpLoad {

	/** What the clients saw while measuring. */
	record Result(long requests, long errors, double seconds, long p50Nanos, long p99Nanos, long p999Nanos,
			double meanBodyBytes) {

		double requestsPerSecond() {
			return this.requests / this.seconds;
		}

	}

	private HttpLoad() {
	}

	/**
	 * Runs the clients for {@code warmUp} (not measured), then for {@code duration}.
	 * @throws IllegalStateException when a client could not connect
	 */
	static Result run(int port, List<String> paths, int connections, Duration warmUp, Duration duration)
			throws InterruptedException {
		long measureFrom = System.nanoTime() + warmUp.toNanos();
		long end = measureFrom + duration.toNanos();
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			clients.add(new Client(port, paths, measureFrom, end));
		}
		clients.forEach(Thread::start);
		for (Client client : clients) {
			client.join();
		}
		long[] all = clients.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
		long errors = clients.stream().mapToLong(c -> c.errors).sum();
		String failure = clients.stream().map(c -> c.failure).filter(f -> f != null).findFirst().orElse(null);
		if (all.length == 0) {
			throw new IllegalStateException("no response measured" + ((failure != null) ? ": " + failure : ""));
		}
		long bodyBytes = clients.stream().mapToLong(c -> c.bodyBytes.get()).sum();
		return new Result(all.length, errors, duration.toNanos() / 1e9, percentile(all, 0.50), percentile(all, 0.99),
				percentile(all, 0.999), (double) bodyBytes / all.length);
	}

	private static long percentile(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	private static final class Client extends Thread {

		private final int port;

		private final byte[][] requests;

		private final long measureFrom;

		private final long end;

		private long[] latencies = new long[1 << 16];

		private int count;

		private long errors;

		private final AtomicLong bodyBytes = new AtomicLong();

		private volatile String failure;

		/** Bytes received and not yet parsed: {@code buffer[from, to)}. */
		private final byte[] buffer = new byte[64 * 1024];

		private int from;

		private int to;

		Client(int port, List<String> paths, long measureFrom, long end) {
			super("bench-http-client");
			setDaemon(true);
			this.port = port;
			// the requests are made once: the client should cost as little CPU as it can
			this.requests = paths.stream()
				.map(path -> ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
				.toArray(byte[][]::new);
			this.measureFrom = measureFrom;
			this.end = end;
		}

		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			try {
				while (System.nanoTime() < this.end) {
					// a new connection when the server closes one (Tomcat: after 100 requests by default)
					try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
						socket.setTcpNoDelay(true);
						OutputStream out = socket.getOutputStream();
						InputStream in = socket.getInputStream();
						this.from = 0;
						this.to = 0;
						boolean open = true;
						long now;
						while (open && (now = System.nanoTime()) < this.end) {
							out.write(this.requests[random.nextInt(this.requests.length)]);
							int status = readResponse(in);
							open = status > 0;
							long took = System.nanoTime() - now;
							if (now >= this.measureFrom) {
								record(took, Math.abs(status));
							}
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				this.failure = ex.toString();
			}
		}

		private void record(long took, int status) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = took;
			if (status != 200) {
				this.errors++;
			}
		}

		/**
		 * Reads one response, which must have a Content-Length (the read API sets it); returns its status, negative
		 * when the server closes the connection after it.
		 */
		private int readResponse(InputStream in) throws IOException {
			int headerEnd;
			while ((headerEnd = indexOfBlankLine()) < 0) {
				fill(in);
			}
			String head = new String(this.buffer, this.from, headerEnd - this.from, StandardCharsets.ISO_8859_1);
			int status = Integer.parseInt(head.substring(9, 12));
			long length = 0;
			boolean close = false;
			for (String header : head.split("\r\n")) {
				if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					length = Long.parseLong(header.substring(15).trim());
				}
				close |= header.regionMatches(true, 0, "Connection: close", 0, 17);
			}
			this.from = headerEnd + 4;
			long left = length;
			while (left > 0) {
				if (this.from == this.to) {
					this.from = 0;
					this.to = 0;
					fill(in);
				}
				int take = (int) Math.min(left, this.to - this.from);
				this.from += take;
				left -= take;
			}
			this.bodyBytes.addAndGet(length);
			return close ? -status : status;
		}

		private int indexOfBlankLine() {
			for (int i = this.from; i + 3 < this.to; i++) {
				if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n' && this.buffer[i + 2] == '\r' && this.buffer[i + 3] == '\n') {
					return i;
				}
			}
			return -1;
		}

		private void fill(InputStream in) throws IOException {
			if (this.to == this.buffer.length) {
				System.arraycopy(this.buffer, this.from, this.buffer, 0, this.to - this.from);
				this.to -= this.from;
				this.from = 0;
			}
			int read = in.read(this.buffer, this.to, this.buffer.length - this.to);
			if (read < 0) {
				throw new IOException("connection closed by the server");
			}
			this.to += read;
		}

	}

}
