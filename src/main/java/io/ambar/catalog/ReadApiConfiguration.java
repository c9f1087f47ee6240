package io.ambar.catalog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The read API's web settings, on {@code /api/products} and below only: the read key check when
 * {@code ambar.api.read-key} is set (it shares nothing with the operator API's security, which must leave these
 * paths to it), and pages of known length so that only responses over 1 KB are compressed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ReadApiConfiguration implements WebMvcConfigurer {

	private final ReadApiProperties properties;

	ReadApiConfiguration(ReadApiProperties properties) {
		this.properties = properties;
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
