package dev.emotionmonitor.gateway.page;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.emotionmonitor.gateway.support.GatewayTest;
import dev.emotionmonitor.gateway.support.StubBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classify page in real headless Chromium, through the gateway, with a stub classifier that speaks the
 * classifier's contract: sign in with a key, type Korean text, see six bars and the sentences, log it to the history.
 */
class ClassifyPageTest extends GatewayTest {

	@LocalServerPort
	int port;

	private Path profile;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startChromium() throws IOException {
		profile = Files.createTempDirectory("classify-page-chromium");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1000", "--lang=ko-KR", "--user-data-dir=" + profile);
		browser = new ChromeDriver(service, options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void stopChromium() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	@Test
	void signInTypeKoreanTextAndSeeSixBarsPerSentenceAndLogIt() throws IOException {
		NewMember member = addMember("이하늘", "member", "discord:333333333333333333");
		browser.get("http://127.0.0.1:" + port + "/");

		WebElement keyField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
		assertThat(browser.findElement(By.id("classify")).isDisplayed()).isFalse();
		keyField.sendKeys("emk_wrong-key");
		browser.findElement(By.id("sign-in-button")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
		assertThat(browser.findElement(By.id("message")).getText()).contains("unknown or revoked");

		keyField.clear();
		keyField.sendKeys(member.key());
		browser.findElement(By.id("sign-in-button")).click();
		WebElement text = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
		WebElement demo = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-model")));
		assertThat(demo.getText()).isEqualTo("데모 모델: 실제 말뭉치로 학습하면 정확해집니다 · demo model");
		assertThat(browser.findElement(By.id("model-card")).getText()).contains("starter-2").contains("4200 examples")
			.contains("0.750").contains("838 held-out groups");
		assertThat(browser.findElement(By.id("who")).getText()).contains("이하늘");
		assertThat(browser.manage().getCookieNamed("EMOTION_SESSION").isHttpOnly()).isTrue();

		text.sendKeys("내일 발표가 있어서 너무 걱정돼요. 그래도 친구들이 도와줘서 좋아요.");
		browser.findElement(By.id("log-history")).click();
		browser.findElement(By.id("classify-button")).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
		screenshot("classify-page.png");
		List<WebElement> bars = browser.findElements(By.cssSelector("#bars .bar"));
		assertThat(bars).extracting(bar -> bar.getAttribute("data-emotion")).containsExactlyElementsOf(StubBackend.EMOTIONS);
		assertThat(browser.findElement(By.id("top")).getText()).contains("불안").contains("anxiety").contains("75.0%");
		int anxietyWidth = width(By.cssSelector("#bars .bar[data-emotion=anxiety] .fill"));
		int joyWidth = width(By.cssSelector("#bars .bar[data-emotion=joy] .fill"));
		assertThat(anxietyWidth).as("the top bar is the longest").isGreaterThan(joyWidth * 10);
		assertThat(browser.findElement(By.cssSelector("#bars .bar[data-emotion=anxiety] .name")).getText())
			.isEqualTo("불안 anxiety");

		List<WebElement> sentences = browser.findElements(By.cssSelector("#sentences .sentence"));
		assertThat(sentences).extracting(sentence -> sentence.getAttribute("data-label"))
			.containsExactly("anxiety", "joy");
		assertThat(sentences.get(1).getText()).contains("그래도 친구들이 도와줘서 좋아요.").contains("기쁨");

		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Logged"));
		JsonNode logged = backend.observations.stream()
			.filter(observation -> member.id().equals(observation.path("member_id").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no observation for " + member.id()));
		assertThat(logged.path("source").asString()).isEqualTo("self");
		assertThat(logged.path("section").asString()).isEqualTo("whole");
		assertThat(logged.path("member_name").asString()).isEqualTo("이하늘");
		assertThat(logged.path("label").asString()).isEqualTo("anxiety");
		assertThat(logged.path("scores").propertyNames()).containsExactlyElementsOf(StubBackend.EMOTIONS);
		assertThat(logged.path("message_id").asString()).startsWith("web-");
		assertThat(backend.last("/classifications").caller("classifier").memberId()).isEqualTo(member.id());

		assertThat(browser.findElement(By.id("dashboard-link")).getAttribute("href")).endsWith("/dashboard/");
		screenshot("classify-page-logged.png");

		browser.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
		browser.navigate().refresh();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
		assertThat(browser.findElement(By.id("classify")).isDisplayed()).as("signed out for good").isFalse();
	}

	private int width(By locator) {
		return browser.findElement(locator).getRect().getWidth();
	}

	private void screenshot(String name) throws IOException {
		Path directory = Path.of("target", "screenshots");
		Files.createDirectories(directory);
		byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Files.write(directory.resolve(name), png);
		assertThat(png.length).isGreaterThan(10_000);
	}
}

