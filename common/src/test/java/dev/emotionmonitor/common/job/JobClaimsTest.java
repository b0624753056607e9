package dev.emotionmonitor.common.job;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One active job per key across replicas: the second claim is refused, a dead job's claim is taken over. */
class JobClaimsTest {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + this.server.bind().getPort());

	private final ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(this.client, "claims");

	private final JobClaims claims = new JobClaims(this.mongo, "locks", "jobId", "jobs", "running");

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void aKeyHeldByARunningJobIsRefusedAndFreedWhenTheJobReleasesIt() {
		job("first", "running");
		claim("dataset", "first").block();
		assertThat(this.claims.isHeld("dataset").block()).isTrue();

		job("second", "running");
		assertThatThrownBy(() -> claim("dataset", "second").block()).hasMessage("busy: held by first");

		this.claims.release("first").block();
		assertThat(this.claims.isHeld("dataset").block()).isFalse();
		claim("dataset", "second").block();
		assertThat(this.claims.isHeld("dataset").block()).isTrue();
	}

	@Test
	void aClaimWhoseJobEndedOrVanishedIsTakenOver() {
		job("ended", "failed");
		this.mongo.insert(new Document("_id", "dataset").append("jobId", "ended"), "locks").block();
		this.mongo.insert(new Document("_id", "source").append("jobId", "vanished"), "locks").block();
		assertThat(this.claims.isHeld("dataset").block()).as("its job is no longer active").isFalse();

		job("next", "running");
		claim("dataset", "next").block();
		claim("source", "next").block();
		assertThat(this.mongo.findById("dataset", Document.class, "locks").block().getString("jobId")).isEqualTo("next");
		assertThat(this.mongo.findById("source", Document.class, "locks").block().getString("jobId")).isEqualTo("next");
	}

	private Mono<Void> claim(String key, String jobId) {
		return this.claims.acquire(key, jobId, holder -> new IllegalStateException("busy: held by " + holder));
	}

	private void job(String id, String status) {
		this.mongo.insert(new Document("_id", id).append("status", status), "jobs").block();
	}
}
