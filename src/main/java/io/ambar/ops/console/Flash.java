package io.ambar.ops.console;

import java.util.function.Function;
import java.util.function.Supplier;

import io.ambar.ops.Actor;
import io.ambar.ops.OperationException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An action from a console form: done as the logged-in user through the console, and its outcome in words for the
 * page the browser is sent back to: what the layer did ({@code done}) or why it refused ({@code refused}).
 */
final class Flash {

	private Flash() {
	}

	static Actor actor(Authentication authentication) {
		return new Actor(authentication.getName(), Actor.Channel.CONSOLE);
	}

	/**
	 * Runs the action, keeping its message or its refusal for the next page.
	 * @return the action's result, or null when the layer refused it
	 */
	static <T> @Nullable T act(RedirectAttributes flash, Supplier<T> action, Function<T, String> message) {
		try {
			T result = action.get();
			flash.addFlashAttribute("done", message.apply(result));
			return result;
		}
		catch (OperationException ex) {
			flash.addFlashAttribute("refused", ex.getMessage());
			return null;
		}
	}

	/** Runs an action whose result is its message. */
	static void act(RedirectAttributes flash, Supplier<String> action) {
		act(flash, action, message -> message);
	}

}
