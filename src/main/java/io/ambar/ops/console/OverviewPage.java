package io.ambar.ops.console;

import io.ambar.ops.JobOverview;
import io.ambar.ops.RunningExecutions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The overview: every job with its last run, last success, next fire and SLA state; and the running executions
 * with their live progress, a fragment the page polls.
 */
@Controller
class OverviewPage {

	private final JobOverview overview;

	private final RunningExecutions running;

	OverviewPage(JobOverview overview, RunningExecutions running) {
		this.overview = overview;
		this.running = running;
	}

	@GetMapping("/console")
	String overview(Model model) {
		model.addAttribute("jobs", this.overview.jobs());
		model.addAttribute("running", this.running.running());
		return "console/overview";
	}

	/** The running executions alone, polled by the overview every two seconds. */
	@GetMapping("/console/running")
	String running(Model model) {
		model.addAttribute("running", this.running.running());
		return "console/overview :: running";
	}

}
