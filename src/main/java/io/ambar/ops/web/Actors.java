package io.ambar.ops.web;

import io.ambar.ops.Actor;

import org.springframework.security.core.Authentication;

/**
 * The {@link Actor} of a request: the logged-in user, through the API.
 */
final class Actors {

	private Actors() {
	}

	static Actor api(Authentication authentication) {
		return new Actor(authentication.getName(), Actor.Channel.API);
	}

}
