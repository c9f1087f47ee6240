package io.ambar.ops.console;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.ambar.job.JobDescription;
import io.ambar.ops.JobCatalog;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.OperationException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Launching a run: a form generated from the job's description (a field per parameter an operator gives, with its
 * type, default and doc), checked by the layer and shown back for confirmation, then launched. A refusal shows the
 * form again, with the values given and the layer's reason.
 * <p>
 * Form fields are named {@code param.<name>}; an empty field is a parameter not given. The query may prefill
 * fields, and give internal parameters such as {@code rerun-of}, which the form carries along unseen.
 */
@Controller
class LaunchPage {

	static final String PREFIX = "param.";

	private final JobCatalog catalog;

	private final JobLaunches launches;

	LaunchPage(JobCatalog catalog, JobLaunches launches) {
		this.catalog = catalog;
		this.launches = launches;
	}

	@GetMapping("/console/jobs/{job}/launch")
	String form(@PathVariable String job, @RequestParam Map<String, String> query, Model model) {
		JobDescription description = this.catalog.describe(job);
		Map<String, String> given = new LinkedHashMap<>();
		query.forEach((name, value) -> description.parameter(name).ifPresent(parameter -> given.put(name, value)));
		return form(description, given, model);
	}

	/** Checks the parameters and asks for confirmation; with {@code confirmed}, launches. */
	@PostMapping("/console/jobs/{job}/launch")
	String launch(@PathVariable String job, @RequestParam Map<String, String> form,
			@RequestParam(defaultValue = "false") boolean confirmed, Authentication user, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		JobDescription description = this.catalog.describe(job);
		Map<String, String> given = new LinkedHashMap<>();
		form.forEach((name, value) -> {
			if (name.startsWith(PREFIX) && !value.isBlank()) {
				given.put(name.substring(PREFIX.length()), value.strip());
			}
		});
		try {
			if (!confirmed) {
				model.addAttribute("confirm", this.catalog.validate(job, given));
				return form(description, given, model);
			}
			JobExecution execution = this.launches.launch(job, given, Flash.actor(user));
			flash.addFlashAttribute("done", "execution " + execution.getId() + " of " + job + " started");
			return "redirect:/console/executions/" + execution.getId();
		}
		catch (OperationException ex) {
			response.setStatus((ex.kind() == OperationException.Kind.CONFLICT) ? HttpServletResponse.SC_CONFLICT
					: HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", ex.getMessage());
			return form(description, given, model);
		}
	}

	private static String form(JobDescription description, Map<String, String> given, Model model) {
		model.addAttribute("description", description);
		model.addAttribute("given", given);
		return "console/launch";
	}

}
