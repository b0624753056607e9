package dev.emotionmonitor.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard page in real headless Chromium, served by this service and reading its API as an admin would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTest extends ApiTestSupport {

	private static final String CHANNEL = "ui-team";

	private static final String CHANNEL_ID = "discord:880000000000000001";

	private static final String PAGE = "/ui/?api=/&from=2025-01-06&to=2025-01-26&channel=" + CHANNEL_ID;

	@LocalServerPort
	int port;

	private ChromeDriverService service;

	private ChromeDriver driver;

	private Path profile;

	private SigningProxy gateway;

	@BeforeAll
	void threeWeeksOfSevenMembersAndABrowser() throws IOException {
		String[][] weeks = { { "joy", "joy", "joy", "joy", "anxiety", "sadness" },
				{ "joy", "joy", "anger", "anger", "hurt", "embarrassment" },
				{ "joy", "joy", "joy", "joy", "joy", "joy" } };
		String[] days = { "2025-01-07T02:00:00Z", "2025-01-14T02:00:00Z", "2025-01-21T02:00:00Z" };
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int w = 0; w < 3; w++) {
			for (int m = 0; m < 6; m++) {
				batch.add(inTeam("ui-" + w + "-" + m, "discord:80" + m, "팀원" + (m + 1), days[w], weeks[w][m]));
			}
			// a seventh member, who also writes elsewhere, turns sad: a member alert
			batch.add(inTeam("ui-" + w + "-sad", "discord:807", "일곱째", days[w], "sadness"));
			for (int i = 0; i < 2; i++) {
				batch.add(observation("discord", "ui-other-" + w + "-" + i, "discord:807", "일곱째", "ui-other", days[w], "sadness"));
			}
		}
		String[] usual = { "joy", "anger", "sadness", "joy", "anxiety", "hurt", "joy", "embarrassment", "anxiety" };
		for (int w = 1; w <= 6; w++) {
			String day = java.time.LocalDate.parse("2025-01-07").minusWeeks(w) + "T02:00:00Z";
			for (int i = 0; i < 3; i++) {
				batch.add(observation("discord", "ui-before-" + w + "-" + i, "discord:807", "일곱째", "ui-other", day,
						usual[(w * 3 + i) % usual.length]));
			}
		}
		batch.add(inTeam("ui-extra", "discord:800", "팀원1", "2025-01-22T02:00:00Z", "anxiety"));
		// a thread under the team channel and a forum post (its forum has no messages of its own), long before
		Map<String, Object> thread = inTeam("ui-thread", "discord:890", "스레드", "2024-06-04T02:00:00Z", "joy");
		thread.put("channel_id", "discord:880000000000000002");
		thread.put("channel", "1주차 스레드");
		thread.put("parent_channel_id", CHANNEL_ID);
		thread.put("parent_channel", CHANNEL);
		batch.add(thread);
		Map<String, Object> post = inTeam("ui-post", "discord:890", "스레드", "2024-06-04T02:00:00Z", "joy");
		post.put("channel_id", "discord:880000000000000004");
		post.put("channel", "질문 글");
		post.put("parent_channel_id", "discord:880000000000000003");
		post.put("parent_channel", "ui-forum");
		batch.add(post);
		store(batch);

		this.gateway = new SigningProxy(this.port, TestCallers.admin());
		this.profile = Files.createTempDirectory("chromium-profile");
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + this.profile, "--window-size=1440,900", "--lang=ko-KR");
		this.driver = new ChromeDriver(this.service, options);
	}

	@AfterAll
	void closeBrowser() throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile);
		}
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 390, 1440 })
	void chartsDrawTheDataPutInAndNothingOverflows(int width) throws IOException {
		this.driver.manage().window().setSize(new Dimension(width, 900));
		this.driver.get(this.gateway.url() + PAGE);
		waitUntilLoaded();
		JavascriptExecutor js = this.driver;
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline && !this.driver.findElement(By.id("demo-model")).isDisplayed()) {
			sleep(100);
		}
		assertThat(this.driver.findElement(By.id("demo-model")).getText()).as("the demo model says so")
			.isEqualTo("데모 모델: 실제 말뭉치로 학습하면 정확해집니다 · demo model");

		// the stacked weekly chart: one dataset per emotion, Korean labels, weekly counts as posted
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> datasets = (List<Map<String, Object>>) js.executeScript(
				"return Chart.getChart('weekly-chart').data.datasets.map(d => ({label: d.label, data: d.data}));");
		assertThat(datasets).extracting(d -> d.get("label")).containsExactly("분노", "슬픔", "불안", "상처", "당황", "기쁨");
		assertThat(datasets).extracting(d -> d.get("data")).containsExactly(List.of(0L, 2L, 0L), List.of(2L, 1L, 1L),
				List.of(1L, 0L, 1L), List.of(0L, 1L, 0L), List.of(0L, 1L, 0L), List.of(4L, 2L, 6L));
		assertThat(js.executeScript("return Chart.getChart('weekly-chart').options.scales.y.stacked")).isEqualTo(true);
		assertThat((Long) js.executeScript(PAINTED_PIXELS, "weekly-chart")).as("bars painted").isGreaterThan(1000L);
		assertThat((Long) js.executeScript(PAINTED_PIXELS, "distribution-chart")).as("doughnut painted").isGreaterThan(1000L);

		// distribution of the three weeks: 22 observations
		assertThat(js.executeScript("return Chart.getChart('distribution-chart').data.datasets[0].data"))
			.isEqualTo(List.of(2L, 4L, 2L, 1L, 1L, 12L));
		assertThat(text("total-n")).isEqualTo("22");
		assertThat(this.driver.findElement(By.cssSelector("#distribution-table tr[data-emotion=joy]")).getText())
			.contains("기쁨").contains("12").contains("55%");

		// members table of the week of 2025-01-20 and participation
		List<WebElement> rows = this.driver.findElements(By.cssSelector("#members-table tbody tr"));
		assertThat(rows).hasSize(7);
		assertThat(this.driver.findElement(By.cssSelector("#members-table tr[data-member='discord:807']")).getText())
			.contains("일곱째").contains("슬픔");
		assertThat(text("participation")).isEqualTo("7 / 7명");
		assertThat(text("negative-share")).endsWith("%");

		// the picker names the server and the channel, and holds its id
		WebElement picked = this.driver.findElement(By.cssSelector("#channel option:checked"));
		assertThat(picked.getText()).isEqualTo("UI 길드 / #ui-team");
		assertThat(picked.getDomProperty("value")).isEqualTo(CHANNEL_ID);
		// a thread right under its channel, indented; a forum post under its forum, which is a heading, not a choice
		WebElement thread = this.driver.findElement(By.cssSelector("#channel option:checked + option"));
		assertThat(thread.getDomProperty("value")).isEqualTo("discord:880000000000000002");
		assertThat(thread.getDomProperty("textContent")).isEqualTo("\u00a0\u00a0\u00a0└ 1주차 스레드");
		WebElement forum = this.driver.findElement(By.cssSelector("#channel option[data-heading='discord:880000000000000003']"));
		assertThat(forum.getText()).isEqualTo("UI 길드 / #ui-forum");
		assertThat(forum.isEnabled()).isFalse();
		assertThat(this.driver.findElement(By.cssSelector("#channel option[data-heading='discord:880000000000000003'] + option"))
			.getDomProperty("value")).isEqualTo("discord:880000000000000004");

		// the seventh member's turn to sadness is an open alert saying what changed, linked to their own figures
		assertThat(this.driver.findElements(By.cssSelector("#alerts li[data-alert]")))
			.anySatisfy(alert -> {
				assertThat(alert.getText()).contains("일곱째: 슬픔 비중").contains("→ 100 %, 3주").contains("개인 추이 보기");
				assertThat(alert.findElement(By.cssSelector("a[data-timeline]")).getDomAttribute("href"))
					.contains("member=discord%3A807").contains("to=2025-01-26");
			});

		Number scrollWidth = (Number) js.executeScript("return document.documentElement.scrollWidth");
		Number innerWidth = (Number) js.executeScript("return window.innerWidth");
		assertThat(innerWidth.intValue()).isBetween(width - 20, width);
		assertThat(scrollWidth.intValue()).as("no horizontal overflow at %d px", width).isLessThanOrEqualTo(innerWidth.intValue());

		Path screenshots = Path.of("target", "screenshots");
		Files.createDirectories(screenshots);
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), screenshots.resolve("dashboard-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
		assertThat(text("error")).isEmpty();
	}

	@Test
	void thePageWithoutATrailingSlashMovesToOneSoItsRelativeUrlsResolve() {
		this.driver.get(this.gateway.url() + PAGE.replace("/ui/", "/ui"));
		waitUntilLoaded();
		assertThat(this.driver.getCurrentUrl()).contains("/ui/?api=");
		assertThat(((JavascriptExecutor) this.driver).executeScript("return typeof Chart")).isEqualTo("function");
		this.client.get().uri("/ui/webjars/chart.js/dist/chart.umd.min.js").exchange().expectStatus().isOk();
	}

	private static Map<String, Object> inTeam(String messageId, String memberId, String name, String at, String label) {
		Map<String, Object> observation = observation("discord", messageId, memberId, name, CHANNEL, at, label);
		observation.put("channel_id", CHANNEL_ID);
		observation.put("guild", "UI 길드");
		return observation;
	}

	private void waitUntilLoaded() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String state = "loading";
		while (System.nanoTime() < deadline && !"ready".equals(state) && !"error".equals(state)) {
			sleep(100);
			state = this.driver.findElement(By.tagName("body")).getDomAttribute("data-state");
		}
		assertThat(this.driver.findElement(By.tagName("body")).getDomAttribute("data-state"))
			.as("page loaded without errors: %s", text("error")).isEqualTo("ready");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText().trim();
	}

	private static final String PAINTED_PIXELS = """
			const canvas = document.getElementById(arguments[0]);
			const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			let painted = 0;
			for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
			return painted;
			""";
}
