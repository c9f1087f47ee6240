package io.ambar.cache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The local Redis the cache tests run against (127.0.0.1:6379, as {@code .ci/run} starts it); a test class that
 * needs it is skipped, with the reason shown, when none answers. Each test class keeps to a key prefix of its own.
 */
public final class LocalRedis {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 6379;

	private LocalRedis() {
	}

	/** Whether a Redis answers PING on 127.0.0.1:6379. */
	public static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 500);
			socket.setSoTimeout(500);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] reply = new byte[7];
			int read = socket.getInputStream().read(reply);
			return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Deletes every key under the prefix. */
	public static void deleteKeys(StringRedisTemplate redis, String prefix) {
		Set<String> keys = new java.util.HashSet<>();
		try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		if (!keys.isEmpty()) {
			redis.delete(keys);
		}
	}

}
