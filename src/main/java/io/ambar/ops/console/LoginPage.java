package io.ambar.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page (Spring Security takes the form's POST), and the root, which leads to the console.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	@GetMapping("/")
	String root() {
		return "redirect:/console";
	}

}
