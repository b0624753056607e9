package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import dev.emotionmonitor.scraper.support.ScraperClient;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * A run left {@code running} with no worker reporting on it (its replica died, its worker was lost) is marked
 * {@code interrupted} by the job kernel's recovery once its owner's heartbeat is older than {@code stale-after} (1 min
 * by default), and its source (whose claim it held) runs again; runs with a recent heartbeat and runs this process is
 * still executing are left alone, and the kernel beats for the latter.
 */
class StaleRunsTest extends ScraperServiceTest {

	@Autowired
	@Qualifier("scrapeRunRunner")
	JobRunner runner;

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
		String otherSourceId = createSource("800000000000000056");
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(11));
		String abandoned = insertRunningRun(sourceId, longAgo, "a-replica-that-died");
		// the dead replica's run still holds its source's claim
		mongo.insert(new org.bson.Document("_id", sourceId).append("runId", abandoned), RunLocks.COLLECTION).block();
		String fresh = insertRunningRun(otherSourceId, Instant.now().minus(Duration.ofSeconds(20)), "a-live-replica");
		CountDownLatch release = new CountDownLatch(1);
		Source other = sources.get(otherSourceId).block();
		String executing = launcher.launch(other, "manual", progress -> release.await()).block().id();
		mongo.updateFirst(new Query(where("_id").is(executing)), new Update().set("heartbeatAt", longAgo),
				ScrapeRun.class).block();

		runner.recover().block();

		JsonNode interrupted = get("/runs/{id}", abandoned);
		assertThat(interrupted.path("status").asString()).isEqualTo("interrupted");
		assertThat(interrupted.path("error").asString()).contains("No worker reported on this run for more than 1 min")
			.contains("start the source again");
		assertThat(interrupted.path("ended_at").isString()).isTrue();
		assertThat(get("/runs/{id}", fresh).path("status").asString()).as("its worker reported 20 s ago")
			.isEqualTo("running");
		assertThat(get("/runs/{id}", executing).path("status").asString()).as("this process is executing it")
			.isEqualTo("running");
		ScraperClient.await("the kernel beats for the run this process executes",
				() -> Instant.parse(get("/runs/{id}", executing).path("heartbeat_at").asString())
					.isAfter(longAgo.plus(Duration.ofMinutes(10))));

		release.countDown();
		assertThat(awaitRun(executing).path("status").asString()).isEqualTo("succeeded");
		assertThat(get("/runs/{id}", executing).path("ended_at").isString()).isTrue();
		JsonNode finished = awaitRun(scraper.startRun(sourceId));
		assertThat(finished.path("status").asString()).isEqualTo("succeeded");
		assertThat(finished.path("new").asLong()).isEqualTo(5);
		assertThat(Instant.parse(finished.path("heartbeat_at").asString())).as("each progress save beats")
			.isAfterOrEqualTo(Instant.parse(finished.path("started_at").asString()));
	}

	private String createSource(String channelId) {
		return scraper.createSource(Map.of("name", "abandoned", "kind", "discord-api", "channel_id", channelId));
	}

	/** A run as a replica that died would have left it. */
	private String insertRunningRun(String sourceId, Instant heartbeat, String owner) {
		String id = UUID.randomUUID().toString();
		mongo.insert(new ScrapeRun(id, sourceId, "abandoned", "discord-api", "discord", "800000000000000055", "manual",
				ScrapeRun.RUNNING, heartbeat.minusSeconds(60), null, 10, 10, 0, 0, 0, null, null, 0L, heartbeat, 0L, null))
			.block();
		mongo.updateFirst(new Query(where("_id").is(id)), new Update().set(JobRunner.OWNER, owner), ScrapeRun.class)
			.block();
		return id;
	}
}
