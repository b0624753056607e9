package dev.emotionmonitor.scraper.run;

import java.time.Instant;
import java.util.Map;

import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/** A source whose cron time has come is run by the schedule and moved to its next time. */
class ScheduledRunsTest extends ScraperServiceTest {

	@Autowired
	ScheduledRuns schedule;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void aDueSourceRunsAndMovesToItsNextTime() {
		discord.addMessages("800000000000000033", 12, Instant.parse("2026-10-01T00:00:00Z"));
		JsonNode source = http.post()
			.uri("/sources")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "nightly", "kind", "discord-api", "channel_id", "800000000000000033", "schedule",
					"0 30 3 * * *"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		Instant next = Instant.parse(source.path("next_run_at").asString());
		assertThat(next).isAfter(Instant.now());
		assertThat(next.toString()).contains("T03:30:00Z");
		String id = source.path("id").asString();

		// the night has come
		mongo.updateFirst(new Query(where("_id").is(id)), new Update().set("nextRunAt", Instant.now().minusSeconds(1)),
				Source.class).block();
		schedule.tick();

		JsonNode runs = get("/runs?source_id={id}", id);
		assertThat(runs.path("total").asLong()).isEqualTo(1);
		JsonNode run = awaitRun(runs.path("items").get(0).path("id").asString());
		assertThat(run.path("trigger").asString()).isEqualTo("schedule");
		assertThat(run.path("status").asString()).isEqualTo("succeeded");
		assertThat(run.path("new").asLong()).isEqualTo(12);
		Instant moved = Instant.parse(get("/sources/{id}", id).path("next_run_at").asString());
		assertThat(moved).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(86_400 + 60));

		schedule.tick();
		assertThat(get("/runs?source_id={id}", id).path("total").asLong()).as("not due again").isEqualTo(1);
	}
}
