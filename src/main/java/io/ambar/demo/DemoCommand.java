package io.ambar.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ambar.ops.cli.AmbarCommand;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.cli.ForegroundRuns;
import io.ambar.ops.cli.LocalOperatorClient;
import io.ambar.ops.OperationException;
import io.ambar.ops.cli.UsageException;

import org.springframework.stereotype.Component;

/**
 * {@code demo [products=N]}: loads a generated catalogue with product-sync, then applies a generated stock feed
 * holding a few bad lines with stock-update, and says where to look next.
 */
@Component
class DemoCommand implements AmbarCommand {

	private static final int DEFAULT_PRODUCTS = 100_000;

	private final LocalOperatorClient client;

	DemoCommand(LocalOperatorClient client) {
		this.client = client;
	}

	@Override
	public String name() {
		return "demo";
	}

	@Override
	public String usage() {
		return "[products=100000]  load a sample catalogue, apply a stock feed with bad lines, show the results";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		int products = DEFAULT_PRODUCTS;
		for (String arg : args) {
			if (!arg.matches("products=[1-9][0-9]{0,7}")) {
				throw new UsageException("expected products=N, got '" + arg + "'");
			}
			products = Integer.parseInt(arg.substring("products=".length()));
		}
		try {
			Path dir = Files.createDirectories(Path.of(".ambar", "demo")).toAbsolutePath();
			out.printf("1/2 product-sync: a catalogue of %,d products (%s)%n", products, dir.resolve("products.jsonl"));
			Detail catalogue = ForegroundRuns.runToEnd(this.client, "product-sync",
					Map.of("file", DemoFeeds.catalogue(dir, products).toString()));
			ForegroundRuns.report(catalogue, out);
			if (ForegroundRuns.exitCode(catalogue) != OK) {
				return FAILED;
			}
			out.printf("%n2/2 stock-update: a stock level for every product, with 4 bad lines per 1,000 (%s)%n",
					dir.resolve("stock.csv"));
			Detail stock = ForegroundRuns.runToEnd(this.client, "stock-update",
					Map.of("file", DemoFeeds.stock(dir, products, System.nanoTime()).toString()));
			ForegroundRuns.report(stock, out);
			out.printf("""

					Where to look next:
					  java -jar target/ambar.jar rejects %d        the rejected lines: line, reason, SKU, text
					  java -jar target/ambar.jar executions        every run, newest first
					  java -jar target/ambar.jar run stock-update file=%s   the same feed again: already applied
					  java -jar target/ambar.jar server           keeps the embedded database up; then, in another terminal:
					  psql -h localhost -p 54329 -U postgres ambar  the catalogue itself (table products)
					The embedded PostgreSQL runs only while an Ambar process does: it stopped when this demo ended.
					""", stock.summary().id(), dir.resolve("stock.csv"));
			return ForegroundRuns.exitCode(stock);
		}
		catch (UsageException | OperationException ex) {
			throw ex;
		}
		catch (Exception ex) {
			System.err.println("ambar demo: " + ex.getMessage());
			return FAILED;
		}
	}

}
