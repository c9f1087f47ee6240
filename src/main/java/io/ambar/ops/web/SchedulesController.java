package io.ambar.ops.web;

import java.util.List;

import io.ambar.ops.ScheduleActions;
import io.ambar.ops.Schedules;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schedules: the list (cron and zone in words, next fire, last run and outcome, policies, paused or not, drift
 * from the schedule file), and pausing, resuming or firing one now.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/schedules")
class SchedulesController {

	private final ScheduleActions schedules;

	SchedulesController(ScheduleActions schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	List<Schedules.Schedule> schedules() {
		return this.schedules.list();
	}

	@PostMapping("/{name}/pause")
	Done pause(@PathVariable String name, Authentication authentication) {
		return new Done(name, this.schedules.pause(name, Actors.api(authentication)));
	}

	@PostMapping("/{name}/resume")
	Done resume(@PathVariable String name, Authentication authentication) {
		return new Done(name, this.schedules.resume(name, Actors.api(authentication)));
	}

	/** Fires the schedule now, with its parameters; 409 when its overlap policy refuses. */
	@PostMapping("/{name}/trigger")
	Done trigger(@PathVariable String name, Authentication authentication) {
		return new Done(name, this.schedules.trigger(name, Actors.api(authentication)));
	}

	/** What an action on a schedule did, in words. */
	record Done(String schedule, String message) {
	}

}
