package dev.emotionmonitor.classifier.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import dev.emotionmonitor.common.test.TestApplications;
import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two classifier replicas on one store, as with {@code docker compose up --scale classifier-service=2}: a run started
 * on A is streamed and cancelled from B; a run whose replica stops is marked interrupted by the other one, and B's
 * stream of it follows to that end.
 */
class TrainingRunReplicasTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path directory;

	static MongoServer store;

	static ConfigurableApplicationContext b;

	@BeforeAll
	static void startStoreAndReplicaB() throws Exception {
		TinyCorpus.write(directory.resolve("corpora/tiny.json"), 24, 11);
		store = new MongoServer(new MemoryBackend());
		store.bind();
		b = replica("b");
	}

	@AfterAll
	static void stop() {
		b.close();
		store.shutdownNow();
	}

	@Test
	void aRunStartedOnOneReplicaIsStreamedAndCancelledFromTheOther() {
		ConfigurableApplicationContext a = replica("a");
		try {
			String id = startLongRun(http(a));
			awaitStatus(http(b), id, "running");
			CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> stream = events(http(b), id);

			http(b).post().uri("/training-runs/{id}/cancel", id).exchange().expectStatus().isOk();

			List<ServerSentEvent<Map<String, Object>>> events = stream.join();
			assertThat(events).extracting(ServerSentEvent::event).contains("running").last().isEqualTo("cancelled");
			assertThat(events.get(events.size() - 1).data()).containsEntry("id", id).doesNotContainKey("model_version");
			http(a).get().uri("/training-runs/{id}", id).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.status").isEqualTo("cancelled");
			http(a).post().uri("/training-runs/{id}/cancel", id).exchange().expectStatus().isEqualTo(409);
		}
		finally {
			a.close();
		}
	}

	@Test
	void aRunWhoseReplicaStopsIsMarkedInterruptedAndTheOtherReplicasStreamEndsThere() {
		ConfigurableApplicationContext a = replica("a2");
		String id = startLongRun(http(a));
		awaitStatus(http(b), id, "running");
		CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> stream = events(http(b), id);

		a.close();

		List<ServerSentEvent<Map<String, Object>>> events = stream.join();
		assertThat(events).extracting(ServerSentEvent::event).last().isEqualTo("interrupted");
		Map<String, Object> run = http(b).get().uri("/training-runs/{id}", id).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody();
		assertThat(run).containsEntry("status", "interrupted").containsKey("finished_at");
		assertThat((String) run.get("error")).contains("stopped while this run was going on");
	}

	private static String startLongRun(WebTestClient http) {
		Map<String, Object> run = http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("corpus_file", "tiny.json", "kind", "transformer", "hyper_parameters",
					Map.of("epochs", 500, "patience", 500)))
			.exchange().expectStatus().isAccepted().expectBody(MAP).returnResult().getResponseBody();
		return (String) run.get("id");
	}

	private static CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> events(WebTestClient http,
			String id) {
		return http.get().uri("/training-runs/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM).exchange()
			.expectStatus().isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.timeout(Duration.ofSeconds(60))
			.toFuture();
	}

	private static void awaitStatus(WebTestClient http, String id, String status) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Object> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			Object now = http.get().uri("/training-runs/{id}", id).exchange().expectBody(MAP).returnResult()
				.getResponseBody().get("status");
			seen.add(now);
			if (status.equals(now)) {
				return;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
		throw new AssertionError("run " + id + " never " + status + "; seen " + seen);
	}

	private static WebTestClient http(ConfigurableApplicationContext replica) {
		int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(90))
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.admin(), "classifier"))
			.build();
	}

	/**
	 * A whole classifier-service on a free port and the shared store. Reactor Netty's global resources are shared by
	 * every context in the JVM, so one started here must not dispose them when it closes.
	 */
	private static ConfigurableApplicationContext replica(String name) {
		return TestApplications.start(ClassifierServiceApplication.class,
					"--spring.mongodb.uri=mongodb://127.0.0.1:" + store.getLocalAddress().getPort() + "/classifier",
					"--emotion.store.embedded.path=" + directory.resolve(name),
					"--emotion.classifier.model-cache=" + directory.resolve(name + "-models"),
					"--emotion.classifier.corpus-directory=" + directory.resolve("corpora"),
					"--emotion.classifier.poll-interval=200ms", "--emotion.jobs.heartbeat-every=200ms",
					"--emotion.jobs.stale-after=2s", "--emotion.jobs.recovery-every=300ms",
					"--emotion.jobs.poll-every=200ms", "--emotion.jobs.progress-every=300ms");
	}
}
