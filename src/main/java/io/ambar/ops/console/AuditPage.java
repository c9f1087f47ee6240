package io.ambar.ops.console;

import java.util.List;

import io.ambar.ops.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log, newest first, a page at a time: who did what to what, through which face, when, and with what
 * outcome.
 */
@Controller
class AuditPage {

	static final int PAGE = 50;

	private final AuditLog audit;

	AuditPage(AuditLog audit) {
		this.audit = audit;
	}

	/** @param before the id of the oldest entry of the page before */
	@GetMapping("/console/audit")
	String audit(@RequestParam(required = false) @Nullable Long before, Model model) {
		List<AuditLog.Entry> entries = this.audit.entries(before, PAGE + 1);
		model.addAttribute("entries", entries.subList(0, Math.min(PAGE, entries.size())));
		model.addAttribute("older", (entries.size() > PAGE) ? entries.get(PAGE - 1).id() : null);
		model.addAttribute("paged", before != null);
		return "console/audit";
	}

}
