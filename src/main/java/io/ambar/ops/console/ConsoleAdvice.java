package io.ambar.ops.console;

import java.security.Principal;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.ambar.ops.OperationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page has: the user, whether the security configuration lets them act (the controls of a
 * viewer are hidden; the server refuses their actions anyway), the formats; and the layer's refusals of a page
 * (an unknown execution, a malformed cursor) as a page saying why, with the status the API would answer. Only in
 * a web application: the command line has no console.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@ConditionalOnWebApplication
class ConsoleAdvice {

	private static final Formats FORMATS = new Formats(ZoneId.systemDefault());

	private final WebInvocationPrivilegeEvaluator privileges;

	ConsoleAdvice(WebInvocationPrivilegeEvaluator privileges) {
		this.privileges = privileges;
	}

	@ModelAttribute
	void common(Model model, HttpServletRequest request, @Nullable Principal principal) {
		model.addAttribute("fmt", FORMATS);
		if (principal instanceof Authentication authentication) {
			model.addAttribute("user", authentication.getName());
			// asked of the security configuration, the one place that says who may act
			model.addAttribute("canAct",
					this.privileges.isAllowed(request.getContextPath(), "/console/actions", "POST", authentication));
		}
		else {
			model.addAttribute("canAct", false);
		}
	}

	// an exception handler's model starts empty: the page's common attributes are added again
	@ExceptionHandler
	String refused(OperationException ex, Model model, HttpServletRequest request, @Nullable Principal principal,
			HttpServletResponse response) {
		common(model, request, principal);
		response.setStatus(switch (ex.kind()) {
			case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
			case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
			case CONFLICT -> HttpServletResponse.SC_CONFLICT;
		});
		model.addAttribute("problem", ex.getMessage());
		return "console/problem";
	}

	@ExceptionHandler
	String malformed(MethodArgumentTypeMismatchException ex, Model model, HttpServletRequest request,
			@Nullable Principal principal, HttpServletResponse response) {
		common(model, request, principal);
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("problem", ex.getName() + " must be " + ((ex.getRequiredType() == long.class
				|| ex.getRequiredType() == Long.class) ? "a whole number" : "well formed") + ", not '" + ex.getValue() + "'");
		return "console/problem";
	}

}
