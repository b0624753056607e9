package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
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

/**
 * A run left {@code running} with no worker reporting on it (its replica died, its worker was lost) is marked
 * {@code interrupted} once its heartbeat is older than {@code stale-after}; runs with a recent heartbeat and runs this
 * process is still executing are left alone.
 */
class StaleRunsTest extends ScraperServiceTest {

	@Autowired
	StaleRuns staleRuns;

	@Autowired
	RunLauncher launcher;

	@Autowired
	Sources sources;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void aRunWhoseHeartbeatIsStaleIsInterruptedAndItsSourceRunsAgain() throws InterruptedException {
		discord.addMessages("800000000000000055", 5, Instant.parse("2026-10-05T00:00:00Z"));
		String sourceId = createSource("800000000000000055");
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(11));
		String abandoned = insertRunningRun(sourceId, longAgo);
		String fresh = insertRunningRun(sourceId, Instant.now().minus(Duration.ofMinutes(1)));
		CountDownLatch release = new CountDownLatch(1);
		Source source = sources.get(sourceId).block();
		String executing = launcher.launch(source, "manual", progress -> release.await()).block().id();
		mongo.updateFirst(new Query(where("_id").is(executing)), new Update().set("heartbeatAt", longAgo),
				ScrapeRun.class).block();

		staleRuns.reclaim();

		JsonNode interrupted = get("/runs/{id}", abandoned);
		assertThat(interrupted.path("status").asString()).isEqualTo("interrupted");
		assertThat(interrupted.path("error").asString()).contains("No worker reported on this run for more than 10 min")
			.contains("start the source again");
		assertThat(interrupted.path("ended_at").isString()).isTrue();
		assertThat(get("/runs/{id}", fresh).path("status").asString()).as("its worker reported a minute ago")
			.isEqualTo("running");
		JsonNode stillGoing = get("/runs/{id}", executing);
		assertThat(stillGoing.path("status").asString()).as("this process is executing it").isEqualTo("running");
		assertThat(Instant.parse(stillGoing.path("heartbeat_at").asString())).as("and beats for it")
			.isAfter(longAgo.plus(Duration.ofMinutes(10)));

		release.countDown();
		assertThat(awaitRun(executing).path("status").asString()).isEqualTo("succeeded");
		JsonNode again = http.post()
			.uri("/sources/{id}/runs", sourceId)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		JsonNode finished = awaitRun(again.path("id").asString());
		assertThat(finished.path("status").asString()).isEqualTo("succeeded");
		assertThat(finished.path("new").asLong()).isEqualTo(5);
		assertThat(Instant.parse(finished.path("heartbeat_at").asString())).as("each progress save beats")
			.isAfterOrEqualTo(Instant.parse(finished.path("started_at").asString()));
	}

	private String createSource(String channelId) {
		return http.post()
			.uri("/sources")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "abandoned", "kind", "discord-api", "channel_id", channelId))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("id")
			.asString();
	}

	/** A run as a replica that died would have left it. */
	private String insertRunningRun(String sourceId, Instant heartbeat) {
		String id = UUID.randomUUID().toString();
		mongo.insert(new ScrapeRun(id, sourceId, "abandoned", "discord-api", "discord", "800000000000000055", "manual",
				ScrapeRun.RUNNING, heartbeat.minusSeconds(60), null, 10, 10, 0, 0, 0, null, null, 0L, heartbeat, 0L))
			.block();
		return id;
	}
}
