package io.ambar;

import java.util.OptionalInt;

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
		OptionalInt prepared = PreparedStart.run(args);
		if (prepared.isPresent()) {
			System.exit(prepared.getAsInt());
		}
		PreparedStart.endWithParent();
		System.exit(CommandLine.run(AmbarApplication.class, args));
	}

}
