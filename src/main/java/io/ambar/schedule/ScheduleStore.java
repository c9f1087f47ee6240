package io.ambar.schedule;

import java.util.Properties;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.quartz.autoconfigure.QuartzDataSource;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Quartz scheduler over the shared JDBC store, and the transactions its calls need.
 * <p>
 * In a server (and in tests) it is the application's scheduler. A command-line process does not configure Quartz,
 * so that commands start fast; there the scheduler is built on first use, over the same store and settings, and
 * never started: it reads and changes schedules, and never fires them.
 */
@Component
class ScheduleStore implements DisposableBean {

	private final ObjectProvider<Scheduler> applicationScheduler;

	private final QuartzProperties properties;

	private final DataSource dataSource;

	private final PlatformTransactionManager transactionManager;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private @Nullable SchedulerFactoryBean commandScheduler;

	ScheduleStore(ObjectProvider<Scheduler> applicationScheduler, QuartzProperties properties,
			@QuartzDataSource DataSource dataSource,
			@QuartzTransactionManager PlatformTransactionManager transactionManager) {
		this.applicationScheduler = applicationScheduler;
		this.properties = properties;
		this.dataSource = dataSource;
		this.transactionManager = transactionManager;
		this.transaction = new TransactionTemplate(transactionManager);
		this.jdbc = JdbcClient.create(dataSource);
	}

	/** What to do with the scheduler, in a transaction of the Quartz store. */
	@FunctionalInterface
	interface Work<T> {

		T doWith(Scheduler scheduler, JdbcClient jdbc) throws SchedulerException;

	}

	/**
	 * Runs the work in one transaction of the Quartz store's pool: Spring's job store joins it, and takes Quartz's
	 * locks in it; without one it would take none and commit each statement on its own. The JdbcClient joins it too.
	 * @throws IllegalStateException wrapping a SchedulerException; the transaction is rolled back
	 */
	<T> T inTransaction(Work<T> work) {
		Scheduler scheduler = scheduler();
		return this.transaction.execute(status -> {
			try {
				return work.doWith(scheduler, this.jdbc);
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		});
	}

	/** The scheduler: the application's, or one built for this command and not started. */
	synchronized Scheduler scheduler() {
		Scheduler scheduler = this.applicationScheduler.getIfAvailable();
		if (scheduler != null) {
			return scheduler;
		}
		if (this.commandScheduler == null) {
			SchedulerFactoryBean factory = new SchedulerFactoryBean();
			if (this.properties.getSchedulerName() != null) {
				factory.setSchedulerName(this.properties.getSchedulerName());
			}
			Properties quartz = new Properties();
			quartz.putAll(this.properties.getProperties());
			factory.setQuartzProperties(quartz);
			factory.setDataSource(this.dataSource);
			factory.setTransactionManager(this.transactionManager);
			factory.setAutoStartup(false);
			try {
				factory.afterPropertiesSet();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not create the Quartz scheduler: " + ex.getMessage(), ex);
			}
			this.commandScheduler = factory;
		}
		return this.commandScheduler.getObject();
	}

	@Override
	public synchronized void destroy() throws SchedulerException {
		if (this.commandScheduler != null) {
			this.commandScheduler.destroy();
		}
	}

}
