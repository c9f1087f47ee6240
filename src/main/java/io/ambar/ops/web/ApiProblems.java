package io.ambar.ops.web;

import io.ambar.ops.OperationException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The operations layer's refusals as RFC 9457 problem details: 400 for a wrong request, 404 for what does not
 * exist, 409 for what cannot be done now. Nothing was changed in any of them.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@ConditionalOnWebApplication
class ApiProblems {

	@ExceptionHandler
	ProblemDetail refused(OperationException ex) {
		HttpStatus status = switch (ex.kind()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setProperty("kind", ex.kind().name());
		return problem;
	}

}
