package io.ambar.ops.console;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import io.ambar.ops.OperationException;
import io.ambar.ops.RejectQueries;

import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The rejects of an execution: counts by reason, the rejected lines a page at a time, a CSV download, and the
 * rejected lines as a feed in the job's own format, to fix and run again with {@code rerun-of}. A download the
 * layer refuses (the original feed, whose header it needs, is gone) is a page saying why.
 */
@Controller
class RejectsPage {

	static final int PAGE = 100;

	private final RejectQueries rejects;

	RejectsPage(RejectQueries rejects) {
		this.rejects = rejects;
	}

	/** @param after the last line of the page before */
	@GetMapping("/console/executions/{id}/rejects")
	String rejects(@PathVariable long id, @RequestParam(defaultValue = "0") long after, Model model) {
		model.addAttribute("rejects", this.rejects.page(id, after, PAGE));
		model.addAttribute("after", after);
		return "console/rejects";
	}

	@GetMapping("/console/executions/{id}/rejects.csv")
	void csv(@PathVariable long id, HttpServletResponse response) throws IOException {
		download(response, "text/csv", "rejects-" + id + ".csv", out -> this.rejects.writeCsv(id, out));
	}

	@GetMapping("/console/executions/{id}/rejects/feed")
	void feed(@PathVariable long id, HttpServletResponse response) throws IOException {
		String name = this.rejects.feedFileName(id);
		download(response, name.endsWith(".jsonl") ? "application/jsonl" : "text/csv", name,
				out -> this.rejects.writeFeed(id, out));
	}

	/**
	 * Streams a download. The layer refuses before it writes anything (no such execution, the feed whose header
	 * it needs is gone), so a refusal resets the answer and becomes a page, not a file.
	 */
	private static void download(HttpServletResponse response, String type, String name, Body body) throws IOException {
		response.setContentType(type + ";charset=UTF-8");
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString());
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		try {
			body.write(out);
		}
		catch (OperationException ex) {
			response.reset();
			throw ex;
		}
		out.flush();
	}

	private interface Body {

		void write(Writer out) throws IOException;

	}

}
