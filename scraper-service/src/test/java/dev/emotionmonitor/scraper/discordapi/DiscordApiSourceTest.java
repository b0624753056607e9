package dev.emotionmonitor.scraper.discordapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The bot-API source against a local server that pages, rate-limits and answers 429 like Discord. */
class DiscordApiSourceTest extends ScraperServiceTest {

	private static final String CHANNEL = "800000000000000011";

	private static final String SILENT_CHANNEL = "800000000000000022";

	@Test
	void pagesBackThroughTheChannelHonouringRateLimitsThenContinuesFromTheLastMessage() {
		List<Map<String, Object>> history = discord.addMessages(CHANNEL, 250, Instant.parse("2026-09-01T00:00:00Z"));
		String sourceId = createSource(CHANNEL);
		int before = discord.requests().size();
		discord.force429(before + 3);

		JsonNode first = awaitRun(startRun(sourceId));

		assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("succeeded");
		assertThat(first.path("seen").asLong()).isEqualTo(250);
		assertThat(first.path("new").asLong()).isEqualTo(250);
		List<String> requests = discord.requests().subList(before, discord.requests().size());
		assertThat(requests).first().isEqualTo("/channels/" + CHANNEL);
		assertThat(requests).filteredOn(r -> r.contains("before=")).hasSizeGreaterThanOrEqualTo(2);
		String limitedRequest = requests.get(2);
		assertThat(requests).as("the request answered 429 was sent again")
			.filteredOn(limitedRequest::equals)
			.hasSize(2);
		assertThat(discord.limited()).isGreaterThanOrEqualTo(1);
		assertThat(discord.violations()).as("never sent while the bucket was empty").isZero();

		List<JsonNode> stored = allMessages("channel=" + CHANNEL);
		assertThat(stored).hasSize(250);
		Map<String, Object> sample = history.get(3);
		JsonNode message = stored.stream().filter(m -> m.path("id").asString().equals(sample.get("id"))).findFirst()
			.orElseThrow();
		assertThat(message.path("author").path("display_name").asString()).isEqualTo("사용자3");
		assertThat(message.path("author").path("name").asString()).isEqualTo("user3");
		assertThat(message.path("channel_name").asString()).isEqualTo("회고-11");
		assertThat(message.path("template").asString()).isEqualTo("5f");
		assertThat(Instant.parse(message.path("timestamp").asString())).isEqualTo(Instant.parse("2026-09-01T00:30:00Z"));
		JsonNode reply = stored.stream().filter(m -> m.path("id").asString().equals(history.get(4).get("id")))
			.findFirst().orElseThrow();
		assertThat(reply.path("kind").asString()).isEqualTo("reply");
		assertThat(reply.path("reply_to").asString()).isEqualTo(sample.get("id"));
		assertThat(get("/sources/{id}", sourceId).path("last_message_id").asString())
			.isEqualTo(history.get(249).get("id"));

		List<Map<String, Object>> newer = discord.addMessages(CHANNEL, 30, Instant.parse("2026-11-01T00:00:00Z"));
		int mark = discord.requests().size();
		JsonNode second = awaitRun(startRun(sourceId));
		assertThat(second.path("status").asString()).isEqualTo("succeeded");
		assertThat(second.path("new").asLong()).isEqualTo(30);
		assertThat(second.path("duplicates").asLong()).isZero();
		assertThat(discord.requests().subList(mark, discord.requests().size()))
			.anyMatch(r -> r.contains("after=" + history.get(249).get("id")));
		assertThat(allMessages("channel=" + CHANNEL)).hasSize(280);
		assertThat(get("/sources/{id}", sourceId).path("last_message_id").asString())
			.isEqualTo(newer.get(29).get("id"));
	}

	@Test
	void aBotWithoutTheMessageContentIntentFailsTheRunWithWhatToFix() {
		discord.addMessages(SILENT_CHANNEL, 40, Instant.parse("2026-10-01T00:00:00Z"));
		discord.withoutContentIntent(SILENT_CHANNEL);
		String sourceId = createSource(SILENT_CHANNEL);

		JsonNode run = awaitRun(startRun(sourceId));

		assertThat(run.path("status").asString()).isEqualTo("failed");
		assertThat(run.path("error").asString()).contains("MESSAGE_CONTENT").contains("Developer Portal");
		assertThat(run.path("new").asLong()).isZero();
		assertThat(allMessages("channel=" + SILENT_CHANNEL)).isEmpty();
	}

	@Test
	void aChannelTheBotMayNotReadFailsTheRunSayingWhichPermissionsItNeeds() {
		String closed = "800000000000000044";
		discord.addMessages(closed, 5, Instant.parse("2026-10-01T00:00:00Z"));
		discord.withoutAccess(closed);
		String sourceId = createSource(closed);

		JsonNode run = awaitRun(startRun(sourceId));

		assertThat(run.path("status").asString()).isEqualTo("failed");
		assertThat(run.path("error").asString()).contains("403").contains("View Channel")
			.contains("Read Message History");
		assertThat(allMessages("channel=" + closed)).isEmpty();
	}

	@Test
	void aSourceIsValidatedWhenCreatedAndOnlyAdminsCreateIt() {
		http.post()
			.uri("/sources")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "no channel", "kind", "discord-api"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("channel_id"));
		http.post()
			.uri("/sources")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "bad cron", "kind", "discord-api", "channel_id", "1", "schedule", "every hour"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("six-field cron"));
		http.post()
			.uri("/sources")
			.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.member("m-1", "민지"), "scraper"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "by a member", "kind", "discord-api", "channel_id", "1"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("Only an admin"));
		http.get()
			.uri("/messages")
			.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.member("m-1", "민지"), "scraper"))
			.exchange()
			.expectStatus()
			.isForbidden();
		http.post()
			.uri("/sources/{id}/runs", "no-such-source")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private String createSource(String channelId) {
		return scraper.createSource(Map.of("name", "bot " + channelId, "kind", "discord-api", "channel_id", channelId,
				"schedule", "0 0 6 * * *"));
	}

	private String startRun(String sourceId) {
		return scraper.startRun(sourceId);
	}
}
