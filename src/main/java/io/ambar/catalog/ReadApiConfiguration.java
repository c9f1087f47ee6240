package io.ambar.catalog;

import io.ambar.cache.ProductCache;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The read API's web settings, on {@code /api/products} and below only: its own security filter chain, the read
 * key check when {@code ambar.api.read-key} is set (it shares nothing with the operator API's security), pages of
 * known length so that only responses over 1 KB are compressed, and the single-product route.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ReadApiConfiguration implements WebMvcConfigurer {

	private final ReadApiProperties properties;

	ReadApiConfiguration(ReadApiProperties properties) {
		this.properties = properties;
	}

	@Bean
	RouterFunction<ServerResponse> productRoute(ProductCache cache, JsonMapper json) {
		return new ProductRoute(cache, json).routes();
	}

	/**
	 * The read API's filter chain, asked before the operator chain. Public data: nothing to authorise, no login,
	 * session, security context, CSRF token or saved request; only the security headers, without their
	 * {@code no-store} (the single product sets its own {@code Cache-Control}, for its ETag). Three filters instead
	 * of the operator chain's fifteen, on the API's hottest path.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain readApiSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/products", "/api/products/**")
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.sessionManagement(AbstractHttpConfigurer::disable)
			.securityContext(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.exceptionHandling(AbstractHttpConfigurer::disable)
			.headers(headers -> headers.cacheControl(cache -> cache.disable()));
		return http.build();
	}

	@Bean
	FilterRegistrationBean<ContentLengthFilter> readApiContentLength() {
		FilterRegistrationBean<ContentLengthFilter> registration = new FilterRegistrationBean<>(new ContentLengthFilter());
		// the list's pages; the single product sets its length itself
		registration.addUrlPatterns("/api/products");
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		String key = this.properties.readKey();
		if (StringUtils.hasText(key)) {
			registry.addInterceptor(new ReadKeyInterceptor(key)).addPathPatterns("/api/products", "/api/products/**");
		}
	}

}
