package io.ambar.cache;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Leaves out Spring Boot's Redis auto-configuration (connection factory, templates, listener container, health)
 * unless Redis is configured, so that with no Redis (the embedded default) nothing tries to connect and the cache is
 * L1 only. Registered in {@code META-INF/spring.factories}.
 */
public final class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/** Whether Redis is configured: a host, a URL, Sentinel or Cluster nodes in {@code spring.data.redis.*}. */
	static boolean redisConfigured(Environment environment) {
		return environment.containsProperty("spring.data.redis.host")
				|| environment.containsProperty("spring.data.redis.url")
				|| environment.containsProperty("spring.data.redis.sentinel.master")
				|| environment.containsProperty("spring.data.redis.cluster.nodes");
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean redis = this.environment != null && redisConfigured(this.environment);
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			String candidate = autoConfigurationClasses[i];
			match[i] = redis || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATION);
		}
		return match;
	}

	/** Matches when Redis is configured: Ambar's own Redis beans go with Spring Boot's. */
	static final class RedisConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return redisConfigured(context.getEnvironment());
		}

	}

}
