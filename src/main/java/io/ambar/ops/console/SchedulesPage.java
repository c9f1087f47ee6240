package io.ambar.ops.console;

import io.ambar.ops.ScheduleActions;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The schedules: cron and zone in words, next fire, last run and outcome, misfire and overlap policies, paused or
 * not, drift between the schedule file and the store; and pause, resume and trigger, each confirmed first.
 */
@Controller
class SchedulesPage {

	private final ScheduleActions schedules;

	SchedulesPage(ScheduleActions schedules) {
		this.schedules = schedules;
	}

	@GetMapping("/console/schedules")
	String schedules(Model model) {
		model.addAttribute("schedules", this.schedules.list());
		return "console/schedules";
	}

	@PostMapping("/console/schedules/{name}/pause")
	String pause(@PathVariable String name, Authentication user, RedirectAttributes flash) {
		Flash.act(flash, () -> this.schedules.pause(name, Flash.actor(user)));
		return "redirect:/console/schedules";
	}

	@PostMapping("/console/schedules/{name}/resume")
	String resume(@PathVariable String name, Authentication user, RedirectAttributes flash) {
		Flash.act(flash, () -> this.schedules.resume(name, Flash.actor(user)));
		return "redirect:/console/schedules";
	}

	@PostMapping("/console/schedules/{name}/trigger")
	String trigger(@PathVariable String name, Authentication user, RedirectAttributes flash) {
		Flash.act(flash, () -> this.schedules.trigger(name, Flash.actor(user)));
		return "redirect:/console/schedules";
	}

}
