package io.ambar.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed-loop HTTP/1.1 load generator, written here because {@code wrk} may be missing and a thread per
 * connection would spend the shared cores on context switches: like wrk, a few event-loop threads (non-blocking
 * sockets and a selector) keep all connections busy. Each connection sends {@code GET} of a random path from the
 * list, reads the whole response, and sends the next at once; a connection the server closes is reopened. Latency
 * is measured per request from send to last byte; being closed-loop, it leaves out the time a request would have
 * waited to be sent (coordinated omission).
 */
final class HttpLoad {

	private static final int LOOPS = 2;

	/**
	 * What the clients saw while measuring, and the CPU time this JVM (server and load generator) spent per request:
	 * on a machine shared with other work, requests/s say how much CPU the process got, CPU per request what a
	 * request costs.
	 */
	record Result(long requests, long errors, double seconds, long p50Nanos, long p99Nanos, long p999Nanos,
			double meanBodyBytes, double jvmCpuMicrosPerRequest) {

		double requestsPerSecond() {
			return this.requests / this.seconds;
		}

	}

	private HttpLoad() {
	}

	/**
	 * Runs the connections for {@code warmUp} (not measured), then for {@code duration}.
	 * @throws IllegalStateException when nothing could be measured
	 */
	static Result run(int port, List<String> paths, int connections, Duration warmUp, Duration duration)
			throws InterruptedException {
		long measureFrom = System.nanoTime() + warmUp.toNanos();
		long end = measureFrom + duration.toNanos();
		byte[][] requests = paths.stream()
			.map(path -> ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
			.toArray(byte[][]::new);
		List<Loop> loops = new ArrayList<>();
		for (int i = 0; i < LOOPS; i++) {
			loops.add(new Loop(port, requests, connections / LOOPS + ((i < connections % LOOPS) ? 1 : 0), measureFrom, end));
		}
		loops.forEach(Thread::start);
		Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
		long cpuFrom = processCpuNanos();
		for (Loop loop : loops) {
			loop.join();
		}
		long cpu = processCpuNanos() - cpuFrom;
		long[] all = loops.stream().flatMapToLong(l -> Arrays.stream(l.latencies, 0, l.count)).sorted().toArray();
		String failure = loops.stream().map(l -> l.failure).filter(Objects::nonNull).findFirst().orElse(null);
		if (all.length == 0 || failure != null) {
			throw new IllegalStateException("HTTP load failed" + ((failure != null) ? ": " + failure : ": no response"));
		}
		return new Result(all.length, loops.stream().mapToLong(l -> l.errors).sum(), duration.toNanos() / 1e9,
				percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999),
				(double) loops.stream().mapToLong(l -> l.bodyBytes).sum() / all.length, cpu / 1e3 / all.length);
	}

	private static long processCpuNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : 0;
	}

	private static long percentile(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	/** One event loop and its connections. */
	private static final class Loop extends Thread {

		private final InetSocketAddress server;

		private final byte[][] requests;

		private final int connections;

		private final long measureFrom;

		private final long end;

		private long[] latencies = new long[1 << 16];

		private int count;

		private long errors;

		private long bodyBytes;

		private volatile String failure;

		Loop(int port, byte[][] requests, int connections, long measureFrom, long end) {
			super("bench-http-loop");
			setDaemon(true);
			this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
			this.requests = requests;
			this.connections = connections;
			this.measureFrom = measureFrom;
			this.end = end;
		}

		@Override
		public void run() {
			try (Selector selector = Selector.open()) {
				for (int i = 0; i < this.connections; i++) {
					open(selector);
				}
				while (System.nanoTime() < this.end) {
					selector.select(100);
					for (SelectionKey key : selector.selectedKeys()) {
						Connection connection = (Connection) key.attachment();
						if (key.isConnectable() && connection.channel.finishConnect()) {
							send(connection, key);
						}
						else if (key.isWritable()) {
							connection.channel.write(connection.request);
							if (!connection.request.hasRemaining()) {
								key.interestOps(SelectionKey.OP_READ);
							}
						}
						else if (key.isReadable()) {
							receive(connection, key, selector);
						}
					}
					selector.selectedKeys().clear();
				}
				for (SelectionKey key : selector.keys()) {
					key.channel().close();
				}
			}
			catch (IOException | RuntimeException ex) {
				this.failure = ex.toString();
			}
		}

		private void open(Selector selector) throws IOException {
			SocketChannel channel = SocketChannel.open();
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			Connection connection = new Connection(channel);
			if (channel.connect(this.server)) {
				send(connection, channel.register(selector, SelectionKey.OP_READ, connection));
			}
			else {
				channel.register(selector, SelectionKey.OP_CONNECT, connection);
			}
		}

		private void send(Connection connection, SelectionKey key) throws IOException {
			connection.request = ByteBuffer.wrap(this.requests[ThreadLocalRandom.current().nextInt(this.requests.length)]);
			connection.sentAt = System.nanoTime();
			connection.channel.write(connection.request);
			key.interestOps(connection.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
		}

		private void receive(Connection connection, SelectionKey key, Selector selector) throws IOException {
			ByteBuffer in = connection.response;
			if (connection.channel.read(in) < 0) {
				throw new IOException("connection closed by the server in the middle of a response");
			}
			int status = connection.complete();
			if (status == 0) {
				return;
			}
			long now = System.nanoTime();
			if (connection.sentAt >= this.measureFrom && now < this.end) {
				if (this.count == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
				}
				this.latencies[this.count++] = now - connection.sentAt;
				this.errors += (Math.abs(status) != 200) ? 1 : 0;
				this.bodyBytes += connection.bodyLength;
			}
			if (status < 0) {
				// the server closes it (Tomcat: after 100 requests by default): open another
				key.cancel();
				connection.channel.close();
				open(selector);
			}
			else {
				send(connection, key);
			}
		}

	}

	/** A keep-alive connection and the response it is reading. */
	private static final class Connection {

		private final SocketChannel channel;

		private final ByteBuffer response = ByteBuffer.allocate(64 * 1024);

		private ByteBuffer request = ByteBuffer.allocate(0);

		private long sentAt;

		private int bodyLength;

		Connection(SocketChannel channel) {
			this.channel = channel;
		}

		/**
		 * The status once the response (with a Content-Length, as the read API sends) is complete, negative when the
		 * server closes the connection after it; 0 while incomplete. A complete response is consumed.
		 */
		int complete() {
			byte[] bytes = this.response.array();
			int length = this.response.position();
			int headerEnd = -1;
			for (int i = 0; i + 3 < length; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
					headerEnd = i;
					break;
				}
			}
			if (headerEnd < 0) {
				return 0;
			}
			String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
			int body = 0;
			boolean close = false;
			for (String header : head.split("\r\n")) {
				if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					body = Integer.parseInt(header.substring(15).trim());
				}
				close |= header.regionMatches(true, 0, "Connection: close", 0, 17);
			}
			int total = headerEnd + 4 + body;
			if (length < total) {
				return 0;
			}
			int status = Integer.parseInt(head.substring(9, 12));
			this.bodyLength = body;
			// a closed-loop client has no further response behind this one
			this.response.clear();
			return close ? -status : status;
		}

	}

}
