package dev.emotionmonitor.scraper.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.support.ChatFixture;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web source in real headless Chromium against a virtualised chat page served on loopback: every one of the 1,000
 * messages is stored exactly once with its author, timestamp, text, edit time and reply target; a second run adds
 * nothing.
 */
class WebScraperTest extends ScraperServiceTest {

	static ChatFixture page;


	@BeforeAll
	static void servePage() {
		page = new ChatFixture(1000, 42, 15, 90);
		page.start();
	}

	@AfterAll
	static void stopPage() {
		page.stop();
	}

	@Test
	void storesAllThousandMessagesExactlyOnceAndASecondRunAddsNone() {
		JsonNode source = http.post()
			.uri("/sources")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "web #weekly-reflection", "kind", "web", "url", page.channelUrl(),
					"channel_name", "web-reflection"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		String sourceId = source.path("id").asString();

		JsonNode first = runToEnd(sourceId);
		assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("succeeded");
		assertThat(first.path("seen").asLong()).isEqualTo(1000);
		assertThat(first.path("new").asLong()).isEqualTo(1000);
		assertThat(first.path("errors").asLong()).isZero();

		Map<String, JsonNode> stored = new HashMap<>();
		for (JsonNode message : messages(sourceId)) {
			assertThat(stored.put(message.path("id").asString(), message)).as("stored once").isNull();
		}
		assertThat(stored).hasSize(1000);
		int followUps = 0;
		int edits = 0;
		int replies = 0;
		int reflections = 0;
		for (ChatFixture.Message expected : page.messages()) {
			JsonNode message = stored.get(expected.id());
			assertThat(message).as("message %s", expected.id()).isNotNull();
			assertThat(message.path("author").path("display_name").asString()).as("author of %s", expected.id())
				.isEqualTo(expected.authorName());
			assertThat(message.path("author").path("id").asString()).isEqualTo(expected.authorId());
			assertThat(Instant.parse(message.path("timestamp").asString())).isEqualTo(expected.at());
			// the fixture's texts are plain (emoji as characters, bold labels): read as written, kept whole
			assertThat(message.path("content_raw").asString()).as("raw of %s", expected.id()).isEqualTo(expected.text());
			assertThat(message.path("text").asString()).as("text of %s", expected.id()).isEqualTo(expected.text());
			assertThat(message.path("channel_id").asString()).isEqualTo(ChatFixture.CHANNEL_ID);
			assertThat(message.path("guild_id").asString()).isEqualTo(ChatFixture.GUILD_ID);
			if (expected.editedAt() != null) {
				edits++;
				assertThat(Instant.parse(message.path("edited_at").asString())).isEqualTo(expected.editedAt());
			}
			else {
				assertThat(message.path("edited_at").isMissingNode()).isTrue();
			}
			if (expected.replyTo() != null) {
				replies++;
				assertThat(message.path("kind").asString()).isEqualTo("reply");
				assertThat(message.path("reply_to").asString())
					.isEqualTo(page.messages().get(expected.replyTo()).id());
			}
			if (expected.reflection()) {
				reflections++;
				assertThat(message.path("sections").valueStream().map(s -> s.path("key").asString()).toList())
					.containsExactly("fact", "feeling", "finding", "future");
			}
			followUps += expected.followUp() ? 1 : 0;
		}
		assertThat(followUps).as("the fixture groups follow-ups").isGreaterThan(200);
		assertThat(edits).isGreaterThan(20);
		assertThat(replies).isGreaterThan(20);
		assertThat(reflections).isEqualTo(20);
		assertThat(page.messages().stream().map(ChatFixture.Message::author).distinct().count()).isEqualTo(12);
		assertThat(Duration.between(page.messages().get(0).at(), page.messages().get(999).at()).toDays())
			.isBetween(50L, 90L);

		JsonNode second = runToEnd(sourceId);
		assertThat(second.path("status").asString()).isEqualTo("succeeded");
		assertThat(second.path("new").asLong()).isZero();
		assertThat(second.path("updated").asLong()).isZero();
		assertThat(second.path("duplicates").asLong()).isEqualTo(1000);
		assertThat(messages(sourceId)).hasSize(1000);
	}

	/** Starts a run and follows its event stream to the end, as a client would. */
	private JsonNode runToEnd(String sourceId) {
		JsonNode run = http.post()
			.uri("/sources/{id}/runs", sourceId)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(run.path("status").asString()).isEqualTo("running");
		List<ServerSentEvent<JsonNode>> events = http.get()
			.uri("/runs/{id}/events", run.path("id").asString())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofMinutes(2));
		assertThat(events).isNotEmpty();
		ServerSentEvent<JsonNode> last = events.get(events.size() - 1);
		assertThat(last.event()).isEqualTo("finished");
		return http.get()
			.uri("/runs/{id}", run.path("id").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private List<JsonNode> messages(String sourceId) {
		return allMessages("source_id=" + sourceId);
	}
}
