package io.ambar.ops.console;

import io.ambar.ops.RunningExecutions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Executions marked running whose owner is gone, each with why and what automatic recovery will do and when; an
 * operator may recover or restart one from here rather than wait.
 */
@Controller
class OrphansPage {

	private final RunningExecutions running;

	OrphansPage(RunningExecutions running) {
		this.running = running;
	}

	@GetMapping("/console/orphans")
	String orphans(Model model) {
		model.addAttribute("orphans", this.running.orphans());
		return "console/orphans";
	}

}
