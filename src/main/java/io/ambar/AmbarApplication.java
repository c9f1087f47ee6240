package io.ambar;

import io.ambar.ops.cli.CommandLine;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Ambar: batch and scheduled jobs for e-commerce stock and catalogue feeds on PostgreSQL.
 * <p>
 * {@code java -jar ambar.jar <command> ...}; {@code java -jar ambar.jar help} lists the commands.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AmbarApplication {

	public static void main(String[] args) {
		// java -jar enters through PreparedStart.main, which may have started this JVM as its child
		PreparedStart.endWithParent();
		PreparedStart.addCompilerDirectives();
		System.exit(CommandLine.run(AmbarApplication.class, args));
	}

}
