package dev.emotionmonitor.scraper.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Opens headless Chromium sessions: through the local chromedriver (never Selenium Manager), or on a Selenium Grid
 * when {@code remote-url} is set. A session uses the given persistent profile (where a login lives) or a fresh
 * temporary one that is deleted afterwards.
 */
@Component
class Browsers {

	private final ScraperProperties.Web settings;

	Browsers(ScraperProperties properties) {
		this.settings = properties.web();
	}

	Session open(String profileDir) {
		String profile = profileDir != null && !profileDir.isBlank() ? profileDir : settings.profileDir();
		Path temporary = null;
		ChromeOptions options = new ChromeOptions();
		if (settings.headless()) {
			options.addArguments("--headless=new");
		}
		options.addArguments("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,900");
		boolean remote = settings.remoteUrl() != null && !settings.remoteUrl().isBlank();
		if (profile != null && !profile.isBlank()) {
			options.addArguments("--user-data-dir=" + profile);
		}
		else if (!remote) {
			temporary = createTempProfile();
			options.addArguments("--user-data-dir=" + temporary);
		}
		try {
			if (remote) {
				RemoteWebDriver driver = new RemoteWebDriver(URI.create(settings.remoteUrl()).toURL(), options);
				return new Session(driver, null, temporary);
			}
			options.setBinary(settings.chromium());
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(settings.chromedriver()))
				.usingAnyFreePort()
				.withTimeout(Duration.ofSeconds(30))
				.build();
			try {
				return new Session(new ChromeDriver(service, options), service, temporary);
			}
			catch (RuntimeException ex) {
				service.stop();
				throw ex;
			}
		}
		catch (MalformedURLException ex) {
			deleteQuietly(temporary);
			throw new IllegalStateException("SELENIUM_URL is not a URL: " + settings.remoteUrl(), ex);
		}
		catch (RuntimeException ex) {
			deleteQuietly(temporary);
			throw new IllegalStateException("Could not start the browser (" + (remote ? "grid " + settings.remoteUrl()
					: settings.chromium() + " with " + settings.chromedriver()) + "): " + firstLine(ex.getMessage()), ex);
		}
	}

	private static Path createTempProfile() {
		try {
			return Files.createTempDirectory("scraper-profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path directory) {
		if (directory != null) {
			try {
				FileSystemUtils.deleteRecursively(directory);
			}
			catch (IOException ex) {
				// a temp directory left behind is harmless
			}
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no detail";
		}
		int newline = message.indexOf('\n');
		return newline > 0 ? message.substring(0, newline) : message;
	}

	/** A browser to quit after use. */
	record Session(WebDriver driver, ChromeDriverService service, Path temporaryProfile) implements AutoCloseable {

		@Override
		public void close() {
			try {
				driver.quit();
			}
			finally {
				if (service != null) {
					service.stop();
				}
				deleteQuietly(temporaryProfile);
			}
		}
	}
}
