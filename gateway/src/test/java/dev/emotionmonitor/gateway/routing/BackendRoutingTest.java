package dev.emotionmonitor.gateway.routing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway in front of real HTTP backends on loopback: prefix strip, fallback, timeout, load balancing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BackendRoutingTest {

	static final String SERVICE_KEY = "routing-test-service-key";

	static final StubBackend corpus = new StubBackend("corpus");

	static final StubBackend classifierA = new StubBackend("classifier-a");

	static final StubBackend classifierB = new StubBackend("classifier-b");

	static final int closedPort = freePort();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("emotion.gateway.services.corpus", corpus::url);
		registry.add("emotion.gateway.services.classifier", () -> classifierA.url() + "," + classifierB.url());
		registry.add("emotion.gateway.services.scraper", () -> "http://127.0.0.1:" + closedPort);
		registry.add("emotion.gateway.services.dashboard", () -> "http://127.0.0.1:" + closedPort);
		registry.add("emotion.gateway.response-timeout", () -> "700ms");
		registry.add("emotion.gateway.service-key", () -> SERVICE_KEY);
	}

	@AfterAll
	static void stopBackends() {
		corpus.close();
		classifierA.close();
		classifierB.close();
	}

	@Test
	void stripsTheServicePrefixAndKeepsTheQuery() {
		client.get()
			.uri("/api/corpus/dialogues?dataset=starter&page=2")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("corpus")
			.jsonPath("$.path")
			.isEqualTo("/dialogues?dataset=starter&page=2");
	}

	@Test
	void unavailableBackendAnswers503ProblemNamingIt() {
		client.post()
			.uri("/api/scraper/runs")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("scraper")
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("scraper service is unavailable"));
	}

	@Test
	void slowBackendAnswers504ProblemAfterTheResponseTimeout() {
		long start = System.nanoTime();
		client.post()
			.uri("/api/corpus/slow")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("corpus service did not answer in time"));
		assertThat((System.nanoTime() - start) / 1_000_000).as("answered before the backend's 3 s").isLessThan(2900);
	}

	@Test
	void spreadsRequestsOverEveryInstanceOfABackend() {
		Set<String> answeredBy = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			client.get()
				.uri("/api/classifier/models")
				.headers(h -> h.setBearerAuth(SERVICE_KEY))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value(body -> answeredBy.add(body.contains("classifier-a") ? "a" : "b"));
		}
		assertThat(answeredBy).containsExactlyInAnyOrder("a", "b");
		assertThat(classifierA.receivedPaths).contains("GET /models");
		assertThat(classifierB.receivedPaths).contains("GET /models");
	}

	@Test
	void retriesIdempotentRequestsOnlyAndPassesTheBackendsOwnErrorThrough() {
		client.get()
			.uri("/api/corpus/flaky?read")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(corpus.receivedPaths).filteredOn(path -> path.equals("GET /flaky?read")).hasSize(2);

		client.post()
			.uri("/api/corpus/flaky?write")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(corpus.receivedPaths).as("a POST is never sent twice")
			.filteredOn(path -> path.equals("POST /flaky?write"))
			.hasSize(1);
	}

	@Test
	void healthShowsEachBackendsState() {
		client.get()
			.uri("/actuator/health")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectBody()
			.jsonPath("$.components.backends.components.corpus.status")
			.isEqualTo("UP")
			.jsonPath("$.components.backends.components.classifier.details.instances.length()")
			.isEqualTo(2)
			.jsonPath("$.components.backends.components.scraper.status")
			.isEqualTo("DOWN");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
