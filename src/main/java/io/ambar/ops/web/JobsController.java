package io.ambar.ops.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.ambar.ops.JobLaunches;
import io.ambar.ops.JobOverview;
import io.ambar.ops.JobOverview.JobDetail;
import io.ambar.ops.JobOverview.JobState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs: the list with each job's last run and next fire, a job's description (its parameters with types,
 * defaults and docs), and launching a run, which answers 202 at once with the execution's location.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/jobs")
class JobsController {

	private final JobOverview overview;

	private final JobLaunches launches;

	JobsController(JobOverview overview, JobLaunches launches) {
		this.overview = overview;
		this.launches = launches;
	}

	@GetMapping
	List<JobState> jobs() {
		return this.overview.jobs();
	}

	@GetMapping("/{job}")
	JobDetail job(@PathVariable String job) {
		return this.overview.job(job);
	}

	/**
	 * Launches a run with the given parameters (validated against the job's description).
	 * @return 202 with the new execution's id and status, and its location
	 */
	@PostMapping("/{job}/executions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ResponseEntity<Launched> launch(@PathVariable String job, @RequestBody(required = false) @Nullable LaunchRequest request,
			Authentication authentication) {
		Map<String, String> parameters = (request != null && request.parameters() != null) ? request.parameters() : Map.of();
		JobExecution execution = this.launches.launch(job, parameters, Actors.api(authentication));
		URI location = URI.create("/api/executions/" + execution.getId());
		return ResponseEntity.accepted()
			.location(location)
			.body(new Launched(execution.getId(), job, execution.getStatus().name(), location.toString()));
	}

	/** What to launch: the job's parameters by name, as text. */
	record LaunchRequest(@Nullable Map<String, String> parameters) {
	}

	/** A run launched: it runs on, in the background. */
	record Launched(long id, String job, String status, String location) {
	}

}
