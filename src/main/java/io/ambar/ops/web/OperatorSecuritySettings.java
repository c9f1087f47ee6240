package io.ambar.ops.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the operator API and the console, {@code ambar.security.*}. Passwords are kept only as hashes: a
 * value given in clear is hashed with bcrypt at start, one given encoded ({@code {bcrypt}$2a$...}) is used as is.
 *
 * @param operatorPassword the password of user {@code operator} (role operator); from AMBAR_OPERATOR_PASSWORD;
 * none configured: {@code server} generates one and prints it once
 * @param viewerPassword the password of user {@code viewer} (role viewer); from AMBAR_VIEWER_PASSWORD; none: no
 * such user
 * @param users more users, each with a name, a password and a role (viewer or operator)
 */
@Validated
@ConfigurationProperties("ambar.security")
record OperatorSecuritySettings(@Nullable String operatorPassword, @Nullable String viewerPassword,
		@DefaultValue List<@Valid User> users) {

	/**
	 * @param role {@code viewer} (read) or {@code operator} (read and act)
	 */
	record User(@NotBlank String name, @NotBlank String password, @Pattern(regexp = "viewer|operator") String role) {
	}

}
