package dev.emotionmonitor.classifier.classification;

import java.time.Duration;
import java.util.Map;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-text queue and a worker that waits 1.5 s to fill its batch: while the first request waits, a second one finds
 * the queue full and gets 503 + Retry-After; the first one still succeeds.
 */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.classifier.queue-capacity=1", "emotion.classifier.workers=1",
				"emotion.classifier.batch-wait=1500ms", "emotion.classifier.retry-after=3s" })
@AutoConfigureWebTestClient(timeout = "20s")
class QueueFullTest {

	@Autowired
	WebTestClient http;

	@LocalServerPort
	int port;

	@Autowired
	BatchingClassifier classifier;

	@Test
	void answers503WithRetryAfterWhenTheQueueIsFull() throws InterruptedException {
		var first = WebClient.create("http://127.0.0.1:" + port).post().uri("/classifications")
			.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(Caller.SERVICE, "classifier"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "첫 번째 요청이에요"))
			.retrieve()
			.toEntity(String.class)
			.toFuture();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (classifier.queuedTexts() == 0 && System.nanoTime() < deadline) {
			Mono.delay(Duration.ofMillis(5)).block();
		}
		assertThat(classifier.queuedTexts()).as("the first request waits in the queue").isEqualTo(1);
		http.post().uri("/classifications").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "두 번째 요청이에요")).exchange()
			.expectStatus().isEqualTo(503)
			.expectHeader().valueEquals("Retry-After", "3")
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("queue is full"));
		var firstResponse = first.join();
		assertThat(firstResponse.getStatusCode().value()).isEqualTo(200);
		assertThat(firstResponse.getBody()).contains("\"label\"");
	}
}
