package dev.emotionmonitor.scraper.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.emotionmonitor.scraper.support.ChatFixture;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperClient;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.client.MultipartBodyBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages per second for the web source (real headless Chromium on the virtualised fixture page) and for the
 * DiscordChatExporter import, both into the embedded store. Run with
 * {@code ./mvnw -o -Pbench -pl scraper-service -am test -Dtest=ScraperBench}.
 */
@Tag("bench")
class ScraperBench extends ScraperServiceTest {

	@Test
	void webSource() {
		int count = Integer.getInteger("bench.web.messages", 3000);
		try (ChatFixture page = new ChatFixture(count, 7, 10, 40)) {
			page.start();
			String sourceId = scraper.createSource(Map.of("name", "bench web", "kind", "web", "url", page.channelUrl()));
			for (String label : new String[] { "first run (all new)", "second run (all known)" }) {
				Instant start = Instant.now();
				JsonNode run = awaitRun(scraper.startRun(sourceId));
				double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
				assertThat(run.path("seen").asLong()).isEqualTo(count);
				System.out.printf("BENCH web source, %s: %d messages in %.1f s = %.0f messages/s "
						+ "(browser start included; page delay 10-40 ms per older page of 25)%n", label, count, seconds,
						count / seconds);
			}
		}
	}

	@Test
	void discordExportImport() {
		int count = Integer.getInteger("bench.export.messages", 20000);
		String json = ExportFixture.of(count, 3).json();
		for (String label : new String[] { "first import (all new)", "re-import (all known)" }) {
			MultipartBodyBuilder builder = new MultipartBodyBuilder();
			ScraperClient.addFile(builder, "export.json", json.getBytes(StandardCharsets.UTF_8));
			Instant start = Instant.now();
			// a large import may still run when it answers (202): no status is expected
			JsonNode answer = scraper.postImport(builder, "")
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			JsonNode run = awaitRun(answer.path("id").asString());
			double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
			assertThat(run.path("seen").asLong()).isEqualTo(count);
			System.out.printf("BENCH discord-export import, %s: %d messages (%.1f MB) in %.1f s = %.0f messages/s "
					+ "(upload, parse, store and outbox included)%n", label, count, json.length() / 1e6, seconds,
					count / seconds);
		}
	}
}
