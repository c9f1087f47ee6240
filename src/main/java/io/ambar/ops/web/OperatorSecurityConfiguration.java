package io.ambar.ops.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Access to {@code server}: the operator API and the console need a login; a {@code viewer} reads, an
 * {@code operator} also acts. Health and the Prometheus scrape stay open, and so does the OpenAPI document; the
 * product read API has a filter chain of its own, asked first (catalog's {@code ReadApiConfiguration}). The API
 * answers 401 and 403 as problem details; no credentials are built in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperatorSecurityConfiguration {

	static final String VIEWER = "VIEWER";

	static final String OPERATOR = "OPERATOR";

	@Bean
	SecurityFilterChain operatorSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
			.requestMatchers("/error", "/login", "/console/assets/**", "/webjars/**").permitAll()
			.requestMatchers(HttpMethod.GET, "/**").hasRole(VIEWER)
			.requestMatchers(HttpMethod.HEAD, "/**").hasRole(VIEWER)
			.anyRequest().hasRole(OPERATOR))
			.httpBasic(basic -> basic.authenticationEntryPoint(OperatorSecurityConfiguration::unauthorized))
			// the console's own login page; logout is Spring Security's POST /logout, back to /login?logout
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console"))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(OperatorSecurityConfiguration::unauthorized,
						request -> request.getRequestURI().startsWith("/api/"))
				// a console fragment polled after the session ended: the whole page goes to the login, and the
				// fragment is not kept as the page to return to after it
				.defaultAuthenticationEntryPointFor((request, response, ex) -> {
					new HttpSessionRequestCache().removeRequest(request, response);
					response.setHeader("HX-Redirect", request.getContextPath() + "/login");
					response.setStatus(HttpStatus.UNAUTHORIZED.value());
				}, request -> request.getHeader("HX-Request") != null)
				.defaultAccessDeniedHandlerFor((request, response, denied) -> problem(response, request,
						HttpStatus.FORBIDDEN, "your role may not do this: acting takes the operator role"),
						request -> request.getRequestURI().startsWith("/api/")))
			// the API is called with Basic credentials, not a session cookie: no cross-site request to forge
			.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
		return http.build();
	}

	/**
	 * No Spring Security observations, and no decorator around the filter chains at all: with them, every filter of
	 * every request is wrapped in a timer and an event counter. {@code bench only=cache} showed 361 µs of JVM CPU per
	 * cached read with them, threads blocked in Tomcat's filter lookup and the chain's observation handlers on top of
	 * every stack. http.server.requests still times each request.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix().role(OPERATOR).implies(VIEWER).build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService operators(OperatorSecuritySettings settings, PasswordEncoder encoder) {
		List<UserDetails> users = new ArrayList<>();
		String operatorPassword = settings.operatorPassword();
		if (operatorPassword == null || operatorPassword.isBlank()) {
			operatorPassword = generatedPassword();
			// printed once, here; kept only as a hash
			System.err.println("ambar server: no operator password configured (AMBAR_OPERATOR_PASSWORD); generated one"
					+ " for this run, user 'operator': " + operatorPassword);
		}
		users.add(user("operator", operatorPassword, OPERATOR, encoder));
		if (settings.viewerPassword() != null && !settings.viewerPassword().isBlank()) {
			users.add(user("viewer", settings.viewerPassword(), VIEWER, encoder));
		}
		settings.users()
			.forEach(user -> users.add(user(user.name(), user.password(), user.role().toUpperCase(Locale.ROOT), encoder)));
		return new InMemoryUserDetailsManager(users);
	}

	private static UserDetails user(String name, String password, String role, PasswordEncoder encoder) {
		// "{bcrypt}$2a$..." is a hash already; anything else is a password in clear, hashed here
		String hash = password.startsWith("{") ? password : encoder.encode(password);
		return User.withUsername(name).password(hash).roles(role).build();
	}

	private static String generatedPassword() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws java.io.IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"ambar\"");
		problem(response, request, HttpStatus.UNAUTHORIZED, "log in: the operator API needs a viewer or operator user");
	}

	/** An RFC 9457 problem detail, written by hand: these answers come from filters, before Spring MVC. */
	private static void problem(HttpServletResponse response, HttpServletRequest request, HttpStatus status,
			String detail) throws java.io.IOException {
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
					+ ",\"detail\":\"" + detail + "\",\"instance\":\"" + request.getRequestURI().replace("\"", "%22")
					+ "\"}").getBytes(StandardCharsets.UTF_8));
	}

}
