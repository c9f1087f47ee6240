package io.ambar.ops.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * The system's headless Chromium, driven through its chromedriver, on the console of a server on this machine:
 * the screen size of a desktop or a phone, the login, waits (never sleeps: the machine may be loaded), downloads
 * into a directory, and full-page screenshots into {@code target/console-screenshots}.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Duration PATIENCE = Duration.ofSeconds(45);

	private final ChromeDriver driver;

	private final String base;

	private final Path profile;

	private final Path downloads;

	private int width = 1280;

	private int height = 900;

	/** Whether Debian's chromium and chromium-driver are installed. */
	static boolean present() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	Browser(int port) throws IOException {
		this.base = "http://localhost:" + port;
		this.profile = Files.createTempDirectory("ambar-chromium-");
		this.downloads = Files.createDirectories(Path.of("target", "console-downloads").toAbsolutePath());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// without the background networking flags Chromium's connections are refused on a sandboxed machine
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + this.profile, "--window-size=1280,900");
		options.setExperimentalOption("prefs", Map.of("download.default_directory", this.downloads.toString(),
				"download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", this.downloads.toString()));
		screen(1280, 900);
	}

	/** A desktop's screen, or a phone's (below 600 px: a touch screen with a phone's pixel ratio). */
	void screen(int width, int height) {
		this.width = width;
		this.height = height;
		emulate(height);
	}

	int width() {
		return this.width;
	}

	void open(String path) {
		this.driver.get(this.base + path);
	}

	/** Logs in through the login page as a new session, and waits for the overview. */
	void login(String user, String password) {
		this.driver.manage().deleteAllCookies();
		open("/login");
		find(By.id("username")).sendKeys(user);
		find(By.id("password")).sendKeys(password);
		find(By.cssSelector("form.stacked button[type=submit]")).click();
		until(ExpectedConditions.urlMatches("/console$"));
	}

	WebElement find(By by) {
		return until(ExpectedConditions.presenceOfElementLocated(by));
	}

	List<WebElement> all(By by) {
		return this.driver.findElements(by);
	}

	String url() {
		return this.driver.getCurrentUrl();
	}

	<T> T until(ExpectedCondition<T> condition) {
		return new WebDriverWait(this.driver, PATIENCE).until(condition);
	}

	/** Waits until the element's text is the given one. */
	void untilText(By by, String text) {
		until(ExpectedConditions.textToBe(by, text));
	}

	Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	Object asyncScript(String script, Object... arguments) {
		return this.driver.executeAsyncScript(script, arguments);
	}

	/** Whether the page is as wide as the screen at most: nothing to scroll sideways but inside a table's box. */
	boolean fitsTheScreen() {
		return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth + 1");
	}

	/** Saves the whole page as {@code <name>-<width>.png}; the screen is as it was afterwards. */
	Path screenshot(String name) throws IOException {
		long pageHeight = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
		emulate((int) Math.min(Math.max(pageHeight, this.height), 6000));
		Path shot = Files.createDirectories(SCREENSHOTS).resolve(name + "-" + this.width + ".png");
		Files.move(this.driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		emulate(this.height);
		return shot;
	}

	/** Waits for a file the browser downloads, named so, to be complete. */
	Path downloaded(String name) {
		Path file = this.downloads.resolve(name);
		until(driver -> Files.isRegularFile(file) && !Files.exists(this.downloads.resolve(name + ".crdownload")));
		return file;
	}

	private void emulate(int screenHeight) {
		boolean phone = this.width < 600;
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", this.width, "height",
				screenHeight, "deviceScaleFactor", phone ? 2 : 1, "mobile", phone));
	}

	@Override
	public void close() {
		this.driver.quit();
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

}
