package dev.emotionmonitor.scraper.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.TestApplications;
import dev.emotionmonitor.common.test.TestCallers;
import dev.emotionmonitor.scraper.ScraperServiceApplication;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two scraper replicas on one store, as with {@code docker compose up --scale scraper-service=2}: a run going on in A
 * holds its source on B too (409), B streams it and cancels it, and it ends {@code interrupted} with its
 * {@code ended_at}; a run whose replica stops is marked {@code interrupted} by the other one's recovery, and its
 * source runs again there.
 */
class RunReplicasTest {

	private static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> EVENT = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path directory;

	static MongoServer store;

	static ConfigurableApplicationContext b;

	@BeforeAll
	static void startStoreAndReplicaB() {
		store = new MongoServer(H2Backend.inMemory());
		store.bind();
		b = replica("b");
	}

	@AfterAll
	static void stop() {
		b.close();
		store.shutdownNow();
	}

	@Test
	void aRunGoingOnInOneReplicaHoldsItsSourceAndIsStreamedAndCancelledFromTheOther() {
		ConfigurableApplicationContext a = replica("a");
		try {
			Source source = source(a, "1100000000000000101");
			String id = launchEndless(a, source);
			awaitStatus(b, id, "running");

			assertThatThrownBy(() -> b.getBean(RunLauncher.class).launch(source, "manual", progress -> {
			}).block()).isInstanceOfSatisfying(ErrorResponseException.class,
					ex -> assertThat(ex.getStatusCode().value()).as("the source is A's until its run ends")
						.isEqualTo(409));
			assertThat(b.getBean(RunLauncher.class).isRunning(source.id()).block()).isTrue();
			CompletableFuture<List<ServerSentEvent<JsonNode>>> stream = events(b, id);

			assertThat(b.getBean(RunLauncher.class).cancel(id).block()).isTrue();

			List<ServerSentEvent<JsonNode>> events = stream.join();
			assertThat(events).extracting(ServerSentEvent::event).last().isEqualTo("finished");
			JsonNode last = events.get(events.size() - 1).data();
			assertThat(last.path("status").asString()).isEqualTo("interrupted");
			assertThat(last.path("error").asString()).contains("cancelled");
			JsonNode run = client(a).get("/runs/{id}", id);
			assertThat(run.path("status").asString()).isEqualTo("interrupted");
			assertThat(run.path("ended_at").isString()).isTrue();
			assertThat(run.path("total").asLong()).as("the counts it saved on its way").isEqualTo(1_000_000);
			assertThat(b.getBean(RunLauncher.class).cancel(id).block()).as("already ended").isFalse();

			String again = b.getBean(RunLauncher.class).launch(source, "manual", progress -> {
			}).block().id();
			assertThat(awaitEnd(b, again).path("status").asString()).as("its source is free again")
				.isEqualTo("succeeded");
		}
		finally {
			a.close();
		}
	}

	@Test
	void aRunWhoseReplicaDiedIsMarkedInterruptedByTheOtherAndItsSourceRunsAgain() {
		ConfigurableApplicationContext a = replica("a2");
		Source source = source(a, "1100000000000000102");
		String id = launchEndless(a, source);
		awaitStatus(b, id, "running");
		CompletableFuture<List<ServerSentEvent<JsonNode>>> stream = events(b, id);

		a.close();

		List<ServerSentEvent<JsonNode>> events = stream.join();
		assertThat(events).extracting(ServerSentEvent::event).last().isEqualTo("finished");
		JsonNode run = client(b).get("/runs/{id}", id);
		assertThat(run.path("status").asString()).isEqualTo("interrupted");
		assertThat(run.path("ended_at").isString()).isTrue();
		assertThat(run.path("error").asString()).contains("No worker reported on this run for more than 2 s")
			.contains("start the source again");

		String again = b.getBean(RunLauncher.class).launch(source, "manual", progress -> {
		}).block().id();
		assertThat(awaitEnd(b, again).path("status").asString()).isEqualTo("succeeded");
	}

	private static Source source(ConfigurableApplicationContext replica, String channelId) {
		return replica.getBean(Sources.class).exportSource("1100000000000000001", "guild", channelId, "reflections")
			.block();
	}

	/** A run that stores nothing and goes on (saving its counts) until it is cancelled or its replica stops. */
	private static String launchEndless(ConfigurableApplicationContext replica, Source source) {
		return replica.getBean(RunLauncher.class).launch(source, "manual", progress -> {
			while (true) {
				Thread.sleep(20);
				progress.error(0);
				progress.total(1_000_000);
				progress.checkpoint();
			}
		}).block().id();
	}

	private static JsonNode awaitEnd(ConfigurableApplicationContext replica, String id) {
		return client(replica).awaitRun(id);
	}

	private static void awaitStatus(ConfigurableApplicationContext replica, String id, String status) {
		ScraperClient.await("run " + id + " is " + status,
				() -> status.equals(client(replica).get("/runs/{id}", id).path("status").asString()));
	}

	private static CompletableFuture<List<ServerSentEvent<JsonNode>>> events(ConfigurableApplicationContext replica,
			String id) {
		return http(replica).get().uri("/runs/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM).exchange()
			.expectStatus().isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.timeout(Duration.ofSeconds(60))
			.toFuture();
	}

	private static ScraperClient client(ConfigurableApplicationContext replica) {
		return new ScraperClient(http(replica));
	}

	private static WebTestClient http(ConfigurableApplicationContext replica) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(90))
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestCallers.bearer(Caller.SERVICE, "scraper"))
			.build();
	}

	/**
	 * A whole scraper-service on a free port and the shared store. Reactor Netty's global resources are shared by every
	 * context in the JVM, so one started here must not dispose them when it closes.
	 */
	private static ConfigurableApplicationContext replica(String name) {
		return TestApplications.start(ScraperServiceApplication.class,
					"--spring.mongodb.uri=mongodb://127.0.0.1:" + store.getLocalAddress().getPort() + "/scraper",
					"--emotion.store.embedded.path=" + directory.resolve(name),
					"--emotion.scraper.pipeline.enabled=false", "--emotion.scraper.schedule.enabled=false",
					"--emotion.jobs.heartbeat-every=200ms", "--emotion.jobs.stale-after=2s",
					"--emotion.jobs.recovery-every=300ms", "--emotion.jobs.poll-every=200ms",
					"--emotion.jobs.progress-every=100ms");
	}
}
