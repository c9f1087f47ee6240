package io.ambar.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where feed files named over the network may be, {@code ambar.feed.roots}: a launch from the API or the console
 * may only name a file under one of them, with no {@code ../} or symbolic link leading out. The CLI, run by a user
 * on the machine, and schedules, written by operators, are not confined.
 *
 * @param roots directories; none configured means no launch over the network may name a file
 */
@ConfigurationProperties("ambar.feed")
record FeedRoots(@DefaultValue List<Path> roots) {

	/**
	 * The file's real path, when it lies under a root.
	 * @throws OperationException INVALID when it does not, or does not exist
	 */
	Path confine(Path file) {
		Path real;
		try {
			real = file.toRealPath();
		}
		catch (IOException ex) {
			throw OperationException.invalid("file not found: " + file);
		}
		for (Path root : this.roots) {
			try {
				if (real.startsWith(root.toRealPath()) && Files.isRegularFile(real)) {
					return real;
				}
			}
			catch (IOException ex) {
				// a root that does not exist holds nothing
			}
		}
		throw OperationException.invalid("file " + file + " is not under the feed roots (ambar.feed.roots: "
				+ (this.roots.isEmpty() ? "none configured" : this.roots) + ")");
	}

}
