package dev.emotionmonitor.scraper.metrics;

import java.nio.charset.StandardCharsets;

import dev.emotionmonitor.common.test.Prometheus;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperClient;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.client.MultipartBodyBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** The scraper's figures on its management port move with an import (the outbox worker is off in these tests). */
class ScraperMetricsTest extends ScraperServiceTest {

	@Autowired
	Environment environment;

	@Autowired
	ScraperMetrics metrics;

	@Test
	void anImportRaisesCollectedMessagesAndTheOutboxBacklogByWhatItStored() {
		this.metrics.refresh().block();
		Prometheus before = Prometheus.scrape(this.environment);
		// a channel of its own, so none of these messages is already stored by another test
		String json = ExportFixture.of(40, 3).json().replace(ExportFixture.CHANNEL_ID, "1100000000000000999");
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		ScraperClient.addFile(body, "metrics-export.json", json.getBytes(StandardCharsets.UTF_8));
		JsonNode run = scraper.upload(body, "");
		long stored = run.path("new").asLong();
		long waiting = get("/runs/{id}", run.path("id").asString()).path("pending").asLong();
		this.metrics.refresh().block();
		Prometheus after = Prometheus.scrape(this.environment);

		assertThat(stored).isEqualTo(40);
		assertThat(after.sum("emotion_scraper_messages_collected_total")
				- before.sum("emotion_scraper_messages_collected_total")).isEqualTo(stored);
		assertThat(waiting).isPositive();
		assertThat(after.sum("emotion_scraper_outbox_pending") - before.sum("emotion_scraper_outbox_pending"))
			.isEqualTo(waiting);
		assertThat(after.sum("emotion_scraper_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(0);
		assertThat(after.has("emotion_scraper_outbox_oldest_age_seconds")).isTrue();
		assertThat(after.has("emotion_scraper_outbox_delivered_total")).isTrue();
		assertThat(after.has("emotion_scraper_outbox_failed_total")).isTrue();
	}
}
