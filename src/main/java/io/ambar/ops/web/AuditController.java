package io.ambar.ops.web;

import java.util.List;

import io.ambar.ops.AuditLog;
import io.ambar.ops.OperationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail, newest first: who did what, to what, with what outcome, and when.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/audit")
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	/** @param before the id of the oldest entry of the page before */
	@GetMapping
	List<AuditLog.Entry> entries(@RequestParam(required = false) @Nullable Long before,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 500) {
			throw new OperationException(OperationException.Kind.INVALID, "limit must be from 1 to 500, not " + limit);
		}
		return this.audit.entries(before, limit);
	}

}
