package io.ambar.ops.console;

import jakarta.servlet.http.HttpServletResponse;

import io.ambar.ops.ExecutionActions;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.JobRestarts;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One execution: its parameters and what changed since the job's run before, its steps and partitions, its
 * failure, its owner, its rejects and linked re-runs, its live progress (a fragment polled while it runs); and
 * restart, stop, abandon and recover, each confirmed on the page before it is posted.
 */
@Controller
class ExecutionPage {

	private final ExecutionQueries queries;

	private final ExecutionActions actions;

	private final JobRestarts restarts;

	ExecutionPage(ExecutionQueries queries, ExecutionActions actions, JobRestarts restarts) {
		this.queries = queries;
		this.actions = actions;
		this.restarts = restarts;
	}

	@GetMapping("/console/executions/{id}")
	String execution(@PathVariable long id, Model model) {
		model.addAttribute("detail", this.queries.detail(id));
		return "console/execution";
	}

	/**
	 * The progress alone, polled every second while the execution runs; once it no longer does, the page is told to
	 * reload (htmx's {@code HX-Refresh}) to show how it ended.
	 */
	@GetMapping("/console/executions/{id}/progress")
	String progress(@PathVariable long id, Model model, HttpServletResponse response) {
		Detail detail = this.queries.detail(id);
		if (detail.progress() == null) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("detail", detail);
		return "console/execution :: progress";
	}

	@PostMapping("/console/executions/{id}/restart")
	String restart(@PathVariable long id, Authentication user, RedirectAttributes flash) {
		JobRestarts.Restarted restarted = Flash.act(flash, () -> this.restarts.restart(id, Flash.actor(user), false),
				done -> "execution " + done.execution().getId() + " restarts execution " + id
						+ ((done.recovered() != null) ? " (first marked FAILED: " + done.recovered() + ")" : ""));
		return "redirect:/console/executions/" + ((restarted != null) ? restarted.execution().getId() : id);
	}

	@PostMapping("/console/executions/{id}/stop")
	String stop(@PathVariable long id, Authentication user, RedirectAttributes flash) {
		Flash.act(flash, () -> this.actions.stop(id, Flash.actor(user)));
		return "redirect:/console/executions/" + id;
	}

	@PostMapping("/console/executions/{id}/abandon")
	String abandon(@PathVariable long id, Authentication user, RedirectAttributes flash) {
		Flash.act(flash, () -> this.actions.abandon(id, Flash.actor(user)));
		return "redirect:/console/executions/" + id;
	}

	@PostMapping("/console/executions/{id}/recover")
	String recover(@PathVariable long id, Authentication user, RedirectAttributes flash) {
		Flash.act(flash, () -> this.actions.recover(id, Flash.actor(user)));
		return "redirect:/console/executions/" + id;
	}

}
