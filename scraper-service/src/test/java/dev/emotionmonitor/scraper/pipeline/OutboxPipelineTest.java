package dev.emotionmonitor.scraper.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.FakeClassifier;
import dev.emotionmonitor.scraper.support.FakeDashboard;
import dev.emotionmonitor.scraper.support.FakeGateway;
import dev.emotionmonitor.scraper.support.ScraperClient;
import dev.emotionmonitor.scraper.text.MessageText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.emotionmonitor.scraper.support.ScraperClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox end to end with services that speak the classifier and dashboard contracts behind a gateway-like router:
 * the classifier is stopped in the middle of the work and the scraper-service itself is restarted (same on-disk
 * store) while items wait; when the classifier is back every text has been classified exactly once and every
 * observation sent exactly once. Bots and system messages are never sent.
 */
class OutboxPipelineTest {

	@TempDir
	Path data;

	private final FakeClassifier classifier = new FakeClassifier();

	private final FakeDashboard dashboard = new FakeDashboard();

	private final FakeGateway gateway = new FakeGateway(classifier, dashboard);

	@AfterEach
	void stopServers() {
		gateway.stop();
		classifier.stop();
		dashboard.stop();
	}

	@Test
	void classifierStoppedMidRunAndServiceRestartedStillClassifiesEverythingOnceAndObservesOnce() {
		classifier.start();
		dashboard.start();
		gateway.start();
		ExportFixture fixture = ExportFixture.of(240, 11);
		String runId;
		String sourceId;
		try (ConfigurableApplicationContext first = start()) {
			ScraperClient scraper = ScraperClient.of(first);
			JsonNode run = scraper.upload(fixture.json());
			runId = run.path("id").asString();
			sourceId = run.path("source_id").asString();

			await("the classifier answered some batches", () -> classifier.calls() >= 2);
			classifier.stop();
			await("items wait for the classifier", () -> {
				JsonNode view = scraper.get("/runs/" + runId);
				return view.path("pending").asLong() > 0 && hasRetried(scraper);
			});
			JsonNode source = scraper.get("/sources/" + sourceId);
			assertThat(source.path("pending").asLong()).isPositive();
			assertThat(source.path("failed").asLong()).isZero();
			assertThat(source.path("messages").asLong()).isEqualTo(240);
		}

		// the service restarts with items still waiting; the classifier comes back, the dashboard is busy at first
		classifier.start();
		dashboard.failNext(2);
		try (ConfigurableApplicationContext second = start()) {
			ScraperClient scraper = ScraperClient.of(second);
			await("every item is through", () -> {
				JsonNode view = scraper.get("/runs/" + runId);
				return view.path("pending").asLong() == 0;
			});
			JsonNode run = scraper.get("/runs/" + runId);
			assertThat(run.path("failed").asLong()).isZero();
			assertThat(run.path("status").asString()).isEqualTo("succeeded");

			Map<String, Integer> expectedTexts = new HashMap<>();
			List<String> expectedKeys = new ArrayList<>();
			for (Map<String, Object> message : fixture.messages()) {
				if (!classifiable(message)) {
					continue;
				}
				String content = (String) message.get("content");
				// what is classified is what the person wrote (markdown markers removed), not the raw content
				expectedTexts.merge(MessageText.normalise(content), 1, Integer::sum);
				expectedKeys.add(FakeDashboard.key("discord", (String) message.get("id"), "whole"));
				if (content.startsWith("**사실**")) {
					for (String section : List.of("fact", "feeling", "finding", "future")) {
						expectedKeys.add(FakeDashboard.key("discord", (String) message.get("id"), section));
					}
				}
			}
			Map<String, Integer> answered = classifier.answered();
			expectedTexts.forEach((text, count) -> assertThat(answered.get(text)).as("classified once: %s", text)
				.isEqualTo(count));
			assertThat(classifier.textsAnswered()).as("nothing classified twice")
				.isEqualTo(expectedTexts.size() + 4 * fixture.reflections());

			assertThat(dashboard.posted().keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
			dashboard.posted().forEach((key, count) -> assertThat(count.get()).as("sent once: %s", key).isEqualTo(1));
			assertThat(dashboard.refused()).isEmpty();

			Map<String, Object> reflection = fixture.messages().get(3);
			JsonNode observation = dashboard.observations()
				.get(FakeDashboard.key("discord", (String) reflection.get("id"), "feeling"));
			Map<?, ?> author = (Map<?, ?>) reflection.get("author");
			assertThat(observation.path("member_id").asString()).isEqualTo("discord:" + author.get("id"));
			assertThat(observation.path("member_name").asString()).isEqualTo(author.get("nickname"));
			assertThat(observation.path("channel").asString()).isEqualTo("weekly-reflection");
			assertThat(observation.path("channel_id").asString()).isEqualTo("discord:" + ExportFixture.CHANNEL_ID);
			assertThat(observation.path("guild").asString()).isEqualTo("부트캠프 7기");
			assertThat(Instant.parse(observation.path("at").asString()))
				.isEqualTo(OffsetDateTime.parse((String) reflection.get("timestamp")).toInstant());
			assertThat(observation.path("label").asString()).isEqualTo("joy");
			assertThat(observation.path("model_version").asString()).isEqualTo(FakeClassifier.MODEL);
			assertThat(observation.path("scores").propertyNames()).containsExactly("anger", "sadness", "anxiety",
					"hurt", "embarrassment", "joy");

			JsonNode stored = scraper.get("/messages/" + reflection.get("id"));
			assertThat(stored.path("delivery").asString()).isEqualTo("delivered");
			assertThat(stored.path("model_version").asString()).isEqualTo(FakeClassifier.MODEL);
			assertThat(stored.path("sections").get(1).path("label").asString()).isEqualTo("joy");
			assertThat(stored.path("sections").get(1).path("label_ko").asString()).isEqualTo("기쁨");
			assertThat(stored.path("sections").get(1).path("scores").path("joy").asDouble()).isGreaterThan(0.5);
			assertThat(scraper.get("/messages/" + fixture.messages().get(24).get("id")).path("delivery").asString())
				.as("a bot's message is kept but not classified")
				.isEqualTo("skipped");

			// an edit is classified again, once, and its observation updated
			Map<String, Object> edited = fixture.messages().get(1);
			edited.put("content", "다시 생각해보니 너무 우울했다 (edited 1)");
			JsonNode editRun = scraper.upload(fixture.json());
			assertThat(editRun.path("updated").asLong()).isEqualTo(1);
			await("the edit is through", () -> scraper.get("/runs/" + editRun.path("id").asString()).path("pending")
				.asLong() == 0);
			assertThat(classifier.answered().get("다시 생각해보니 너무 우울했다 (edited 1)")).isEqualTo(1);
			JsonNode update = dashboard.observations().get(FakeDashboard.key("discord", (String) edited.get("id"), "whole"));
			assertThat(update.path("label").asString()).isEqualTo("sadness");
			assertThat(classifier.textsAnswered()).isEqualTo(expectedTexts.size() + 4 * fixture.reflections() + 1);
		}
	}

	private static boolean classifiable(Map<String, Object> message) {
		Map<?, ?> author = (Map<?, ?>) message.get("author");
		String type = (String) message.get("type");
		return !Boolean.TRUE.equals(author.get("isBot")) && ("Default".equals(type) || "Reply".equals(type));
	}

	/** Some item has been tried against the stopped classifier and put back to wait. */
	private static boolean hasRetried(ScraperClient scraper) {
		return scraper.get("/messages?size=500").path("items").valueStream()
			.anyMatch(m -> "pending".equals(m.path("delivery").asString()));
	}

	private ConfigurableApplicationContext start() {
		return ScraperClient.startWithOutbox(gateway.url(), data, "--emotion.scraper.pipeline.batch-size=16",
				"--emotion.scraper.pipeline.classify-batch=40", "--emotion.scraper.pipeline.initial-backoff=100ms",
				"--emotion.scraper.pipeline.max-backoff=1s", "--emotion.scraper.pipeline.timeout=10s");
	}
}
