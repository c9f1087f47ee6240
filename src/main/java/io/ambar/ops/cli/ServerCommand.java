package io.ambar.ops.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.ambar.ops.ExecutionOwners;
import io.ambar.ops.ScheduleActions;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * {@code server}: the long-running process. It hosts the scheduler on a web server ({@code server.port}) and runs
 * until it is stopped; on SIGTERM its running jobs stop at a chunk boundary, restartable ({@link GracefulShutdown}).
 * With the embedded database, the database stays up while it runs.
 */
@Component
class ServerCommand implements AmbarCommand, ApplicationListener<ContextClosedEvent> {

	static final String NAME = "server";

	private final ApplicationContext context;

	private final ExecutionOwners owners;

	private final ScheduleActions schedules;

	private final CountDownLatch closed = new CountDownLatch(1);

	ServerCommand(ApplicationContext context, ExecutionOwners owners, ScheduleActions schedules) {
		this.context = context;
		this.owners = owners;
		this.schedules = schedules;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String usage() {
		return "run the scheduler until stopped (SIGTERM stops running jobs at a chunk boundary, restartable)";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		if (!args.isEmpty()) {
			throw new UsageException("server takes no arguments, only --settings (--server.port=8080, ...)");
		}
		if (!(this.context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			throw new UsageException("server runs only from the command line (java -jar ambar.jar server)");
		}
		// runs jobs, so it is registered now, where the others can see it is alive
		this.owners.instance().register();
		out.printf("Ambar server on port %d, %s, %d schedules; SIGTERM stops it%n", web.getWebServer().getPort(),
				this.owners.instance(), this.schedules.list().size());
		try {
			this.closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return OK;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.closed.countDown();
		}
	}

}
