package dev.emotionmonitor.scraper.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.FakeClassifier;
import dev.emotionmonitor.scraper.support.FakeDashboard;
import dev.emotionmonitor.scraper.support.FakeDiscord;
import dev.emotionmonitor.scraper.support.FakeGateway;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static dev.emotionmonitor.scraper.support.ScraperClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message as its own outbox, seen from outside: edits and deletions found by a later run reach the dashboard
 * stand-in as a withdrawal followed by the new observations (or the withdrawal alone), a full re-export imported as
 * complete withdraws what it no longer holds, the breaker pauses the whole outbox and resumes it, and a store with the old {@code outbox}
 * collection is moved onto its messages at start.
 */
class MessageOutboxTest {

	private static final String CHANNEL = "810000000000000033";

	@TempDir
	Path data;

	private final FakeClassifier classifier = new FakeClassifier();

	private final FakeDashboard dashboard = new FakeDashboard();

	private final FakeGateway gateway = new FakeGateway(classifier, dashboard);

	private final FakeDiscord discord = new FakeDiscord(50, 1000);

	@BeforeEach
	void startServers() {
		classifier.start();
		dashboard.start();
		gateway.start();
		discord.start();
	}

	@AfterEach
	void stopServers() {
		gateway.stop();
		classifier.stop();
		dashboard.stop();
		discord.stop();
	}

	@Test
	void anEditInTheRereadWindowReplacesItsObservationsAndADeletedMessageIsWithdrawn() {
		List<Map<String, Object>> history = discord.addMessages(CHANNEL, 30, Instant.now().minus(Duration.ofDays(3)));
		String edited = (String) history.get(1).get("id");
		String deleted = (String) history.get(2).get("id");
		try (ConfigurableApplicationContext context = start("1s")) {
			ScraperClient scraper = ScraperClient.of(context);
			String sourceId = scraper.createSource(Map.of("name", "bot", "kind", "discord-api", "channel_id", CHANNEL));
			JsonNode first = scraper.awaitRun(scraper.startRun(sourceId));
			assertThat(first.path("new").asLong()).isEqualTo(30);
			scraper.awaitDelivered(first.path("id").asString());
			assertThat(dashboard.observations().get(FakeDashboard.key("discord", edited, "whole")).path("label")
				.asString()).isNotEqualTo("sadness");
			assertThat(dashboard.observations()).containsKey(FakeDashboard.key("discord", deleted, "whole"));

			discord.edit(CHANNEL, edited, "다시 생각해보니 너무 우울했다");
			discord.delete(CHANNEL, deleted);
			int mark = discord.requests().size();
			JsonNode second = scraper.awaitRun(scraper.startRun(sourceId));

			assertThat(second.path("status").asString()).as(second.toString()).isEqualTo("succeeded");
			assertThat(second.path("new").asLong()).isZero();
			assertThat(second.path("updated").asLong()).isEqualTo(1);
			assertThat(second.path("deleted").asLong()).isEqualTo(1);
			assertThat(discord.requests().subList(mark, discord.requests().size()))
				.as("the second run re-read the window from before its first message")
				.anyMatch(r -> r.contains("after=") && !r.contains("after=" + history.get(29).get("id")));
			scraper.awaitDelivered(second.path("id").asString());

			// what a user sees: the edit in place, the deleted message kept and marked
			JsonNode message = scraper.get("/messages/" + edited);
			assertThat(message.path("revision").asInt()).isEqualTo(2);
			assertThat(message.path("label").asString()).isEqualTo("sadness");
			assertThat(message.path("delivery").asString()).isEqualTo("delivered");
			JsonNode gone = scraper.get("/messages/" + deleted);
			assertThat(gone.path("deleted_at").isMissingNode()).as(gone.toString()).isFalse();
			assertThat(gone.path("delivery").asString()).isEqualTo("withdrawn");
			assertThat(scraper.get("/messages?channel=" + CHANNEL + "&size=100").path("total").asLong()).isEqualTo(30);

			// what the dashboard received: the edit as a withdrawal then the new observation; the deleted one withdrawn
			List<String> events = dashboard.events();
			String observeEdited = "observe|" + FakeDashboard.key("discord", edited, "whole");
			int withdrawal = events.indexOf("withdraw|discord|" + edited);
			assertThat(withdrawal).isGreaterThan(events.indexOf(observeEdited));
			assertThat(events.lastIndexOf(observeEdited)).isGreaterThan(withdrawal);
			assertThat(dashboard.observations().get(FakeDashboard.key("discord", edited, "whole")).path("label")
				.asString()).isEqualTo("sadness");
			assertThat(events).contains("withdraw|discord|" + deleted);
			assertThat(dashboard.observations().keySet()).noneMatch(key -> key.contains("|" + deleted + "|"));
			assertThat(classifier.answered().get("메시지 2 오늘도 화이팅")).as("never classified again").isEqualTo(1);

			// a run that finds nothing new changes nothing
			JsonNode third = scraper.awaitRun(scraper.startRun(sourceId));
			assertThat(third.path("updated").asLong()).isZero();
			assertThat(third.path("deleted").asLong()).isZero();
		}
	}

	@Test
	void aFullReExportWithdrawsTheMessageItNoLongerHolds() {
		ExportFixture fixture = ExportFixture.of(30, 7);
		try (ConfigurableApplicationContext context = start("1s")) {
			ScraperClient scraper = ScraperClient.of(context);
			JsonNode first = scraper.upload(fixture.json());
			scraper.awaitDelivered(first.path("id").asString());
			Map<String, Object> removed = fixture.messages().stream().skip(3)
				.filter(m -> "Default".equals(m.get("type")) && !Boolean.TRUE.equals(((Map<?, ?>) m.get("author")).get("isBot")))
				.findFirst().orElseThrow();
			String id = (String) removed.get("id");
			assertThat(dashboard.observations()).containsKey(FakeDashboard.key("discord", id, "whole"));
			fixture.messages().remove(removed);

			JsonNode second = scraper.upload(fixture.json(), "complete=true");
			assertThat(second.path("deleted").asLong()).isEqualTo(1);
			assertThat(second.path("new").asLong()).isZero();
			scraper.awaitDelivered(second.path("id").asString());

			JsonNode gone = scraper.get("/messages/" + id);
			assertThat(gone.path("deleted_at").isMissingNode()).isFalse();
			assertThat(gone.path("delivery").asString()).isEqualTo("withdrawn");
			assertThat(dashboard.observations().keySet()).noneMatch(key -> key.contains("|" + id + "|"));
			assertThat(dashboard.events()).contains("withdraw|discord|" + id);

			// an export of part of the range (its last days only) withdraws nothing before its first message
			List<Map<String, Object>> tail = new ArrayList<>(fixture.messages().subList(20, fixture.messages().size()));
			fixture.messages().retainAll(tail);
			assertThat(scraper.upload(fixture.json(), "complete=true").path("deleted").asLong()).isZero();
		}
	}

	@Test
	void theBreakerPausesTheWholeOutboxAfterAFailureAndResumes() throws InterruptedException {
		dashboard.failNext(1);
		try (ConfigurableApplicationContext context = start("1500ms")) {
			ScraperClient scraper = ScraperClient.of(context);
			JsonNode run = scraper.upload(ExportFixture.of(60, 3).json());
			await("the dashboard refused the first delivery", () -> dashboard.calls() >= 1);
			int classifierCalls = classifier.calls();
			int dashboardCalls = dashboard.calls();
			assertThat(scraper.get("/runs/" + run.path("id").asString()).path("pending").asLong())
				.as("messages still wait").isPositive();
			Thread.sleep(900);
			assertThat(classifier.calls()).as("nothing sent to the classifier while paused").isEqualTo(classifierCalls);
			assertThat(dashboard.calls()).as("nothing sent to the dashboard while paused").isEqualTo(dashboardCalls);

			scraper.awaitDelivered(run.path("id").asString());
			assertThat(dashboard.calls()).isGreaterThan(dashboardCalls);
			dashboard.posted().forEach((key, count) -> assertThat(count.get()).as("sent once: %s", key).isEqualTo(1));
		}
	}

	@Test
	void aStoredOutboxCollectionMovesOntoItsMessagesAtStartAndIsDropped() {
		Instant now = Instant.now();
		try (ConfigurableApplicationContext old = start("1s", "--emotion.scraper.pipeline.enabled=false")) {
			ReactiveMongoTemplate mongo = old.getBean(ReactiveMongoTemplate.class);
			// as an earlier version left them: a message waiting to be classified, one failed for good
			mongo.insert(legacyMessage("9001", "발표 끝나고 뿌듯했다", "pending"), "messages").block();
			mongo.insert(legacyMessage("9003", "이건 거절된 메시지", "pending"), "messages").block();
			mongo.insert(new Document("_id", "discord:9001#1").append("messageKey", "discord:9001").append("revision", 1)
				.append("runId", "legacy-run").append("state", "pending").append("attempts", 2)
				.append("nextAttemptAt", Date.from(now.minusSeconds(60))).append("createdAt", Date.from(now.minusSeconds(3600))),
					"outbox").block();
			mongo.insert(new Document("_id", "discord:9003#1").append("messageKey", "discord:9003").append("revision", 1)
				.append("runId", "legacy-run").append("state", "failed").append("attempts", 5)
				.append("lastError", "400 from /classifications/batch").append("nextAttemptAt", Date.from(now))
				.append("createdAt", Date.from(now.minusSeconds(3600))), "outbox").block();
		}
		try (ConfigurableApplicationContext migrated = start("1s")) {
			ScraperClient scraper = ScraperClient.of(migrated);
			ReactiveMongoTemplate mongo = migrated.getBean(ReactiveMongoTemplate.class);
			assertThat(mongo.collectionExists("outbox").block()).isFalse();
			await("the waiting message is delivered",
					() -> "delivered".equals(scraper.get("/messages/9001").path("delivery").asString()));
			assertThat(dashboard.observations().get(FakeDashboard.key("discord", "9001", "whole")).path("label")
				.asString()).isEqualTo("joy");
			assertThat(scraper.get("/messages/9003").path("delivery").asString()).isEqualTo("failed");
			assertThat(classifier.answered()).doesNotContainKey("이건 거절된 메시지");
			assertThat(mongo.findById("discord:9003", Document.class, "messages").block().get("outbox", Document.class)
				.getInteger("attempts")).isEqualTo(5);

			assertThat(migrated.getBean(LegacyOutboxMigration.class).migrate()).as("nothing left to move").isZero();
			assertThat(scraper.get("/messages/9003").path("delivery").asString()).isEqualTo("failed");
		}
	}

	private static Document legacyMessage(String id, String content, String delivery) {
		return new Document("_id", "discord:" + id).append("site", "discord").append("sourceId", "legacy-source")
			.append("channelId", "1100000000000000777").append("channelName", "old-reflections").append("messageId", id)
			.append("authorId", "200000000000000001").append("authorName", "minji").append("authorDisplayName", "민지")
			.append("authorBot", false).append("timestamp", Date.from(Instant.parse("2026-09-01T00:00:00Z")))
			.append("content", content).append("kind", "default").append("revision", 1).append("sections", List.of())
			.append("delivery", delivery).append("firstSeenRun", "legacy-run").append("lastSeenRun", "legacy-run");
	}

	private ConfigurableApplicationContext start(String initialBackoff, String... extra) {
		List<String> args = new ArrayList<>(List.of("--emotion.scraper.pipeline.batch-size=16",
				"--emotion.scraper.pipeline.classify-batch=40",
				"--emotion.scraper.pipeline.initial-backoff=" + initialBackoff,
				"--emotion.scraper.pipeline.max-backoff=3s", "--emotion.scraper.pipeline.timeout=10s",
				"--emotion.scraper.discord.api-url=" + discord.url(),
				"--emotion.scraper.discord.bot-token=" + FakeDiscord.TOKEN));
		args.addAll(List.of(extra));
		return ScraperClient.startWithOutbox(gateway.url(), data, args.toArray(String[]::new));
	}
}
