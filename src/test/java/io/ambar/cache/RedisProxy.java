package io.ambar.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the local Redis, for tests of Redis going away: {@link #cut()} drops every connection
 * and stops listening, so new ones are refused (what a client sees of a stopped server), {@link #blackhole()} accepts and never answers
 * (a hung server or a dead network path), {@link #cutAfter} cuts after the clients sent a command so many times
 * (deterministically mid-way through a pipeline), {@link #restore()} forwards again.
 */
final class RedisProxy implements AutoCloseable {

	private enum Mode {

		FORWARD, CUT, BLACKHOLE

	}

	private final int port;

	private volatile ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile Mode mode = Mode.FORWARD;

	private volatile byte[] cutCommand = new byte[0];

	private final AtomicInteger commandsBeforeCut = new AtomicInteger(-1);

	RedisProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.port = this.server.getLocalPort();
		listen(this.server);
	}

	int port() {
		return this.port;
	}

	void cut() {
		this.mode = Mode.CUT;
		closeQuietly(this.server);
		this.sockets.forEach(RedisProxy::closeQuietly);
		this.sockets.clear();
	}

	void blackhole() {
		this.mode = Mode.BLACKHOLE;
		this.sockets.forEach(RedisProxy::closeQuietly);
		this.sockets.clear();
	}

	/** Cuts (as {@link #cut()}) once the clients sent the command (e.g. EVALSHA) this many times in all. */
	void cutAfter(String command, int times) {
		this.cutCommand = command.getBytes(StandardCharsets.US_ASCII);
		this.commandsBeforeCut.set(times);
	}

	/** Forwards again, listening on the same port. */
	void restore() throws IOException {
		this.commandsBeforeCut.set(-1);
		Mode was = this.mode;
		this.mode = Mode.FORWARD;
		if (was == Mode.CUT) {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
			this.server = server;
			listen(server);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private void listen(ServerSocket server) {
		Thread acceptor = new Thread(() -> accept(server), "redis-proxy-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				switch (this.mode) {
					case CUT -> closeQuietly(client);
					case BLACKHOLE -> {
						this.sockets.add(client);
						pump(client.getInputStream(), OutputStream.nullOutputStream(), client, client, false);
					}
					case FORWARD -> {
						Socket redis = new Socket(LocalRedis.HOST, LocalRedis.PORT);
						this.sockets.add(client);
						this.sockets.add(redis);
						pump(client.getInputStream(), redis.getOutputStream(), client, redis, true);
						pump(redis.getInputStream(), client.getOutputStream(), redis, client, false);
					}
				}
			}
			catch (IOException ex) {
				// closed, or a connection that failed: the client sees it go
			}
		}
	}

	private void pump(InputStream in, OutputStream out, Socket from, Socket to, boolean fromClient) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					int cutAt = fromClient ? cutPosition(buffer, read) : -1;
					if (cutAt >= 0) {
						out.write(buffer, 0, cutAt);
						out.flush();
						cut();
						return;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "redis-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	/** Where to cut in this buffer: just before the command that goes over the count; -1 to go on. */
	private int cutPosition(byte[] buffer, int length) {
		byte[] command = this.cutCommand;
		if (this.commandsBeforeCut.get() < 0 || command.length == 0) {
			return -1;
		}
		for (int i = 0; i + command.length <= length; i++) {
			if (matches(buffer, i, command) && this.commandsBeforeCut.getAndDecrement() == 0) {
				return i;
			}
		}
		return -1;
	}

	private static boolean matches(byte[] buffer, int at, byte[] command) {
		for (int j = 0; j < command.length; j++) {
			if (buffer[at + j] != command[j]) {
				return false;
			}
		}
		return true;
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException | RuntimeException ex) {
			// already closed
		}
	}

}
