package dev.emotionmonitor.classifier.metrics;

import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.common.test.Prometheus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator's Prometheus scrapes from the classifier's management port, and that it moves with traffic. */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ClassifierMetricsTest {

	@Autowired
	WebTestClient http;

	@Autowired
	Environment environment;

	@Test
	void classifyingThreeTextsCountsThreeForTheActiveModelAndTimesTheQueueAndTheModel() {
		Prometheus before = Prometheus.scrape(this.environment);
		assertThat(before.text()).as("the served model's count is there before its first text (0, not no data)")
			.contains("emotion_classifier_texts_total{model=\"starter-2\"");
		this.http.post().uri("/classifications/batch")
			.bodyValue(Map.of("texts", List.of("오늘 정말 기뻐요", "너무 화가 나요", "내일이 걱정돼요")))
			.exchange()
			.expectStatus().isOk();
		Prometheus after = Prometheus.scrape(this.environment);

		assertThat(after.sum("emotion_classifier_texts_total", "model=\"starter-2\"")
				- before.sum("emotion_classifier_texts_total", "model=\"starter-2\"")).isEqualTo(3.0);
		assertThat(after.sum("emotion_classifier_batch_size_sum") - before.sum("emotion_classifier_batch_size_sum"))
			.isEqualTo(3.0);
		assertThat(after.sum("emotion_classifier_queue_wait_seconds_count")
				- before.sum("emotion_classifier_queue_wait_seconds_count")).isEqualTo(1.0);
		assertThat(after.sum("emotion_classifier_inference_seconds_count"))
			.isGreaterThan(before.sum("emotion_classifier_inference_seconds_count"));
		assertThat(after.has("emotion_classifier_inference_seconds_bucket")).as("histogram for p50/p99").isTrue();
		assertThat(after.has("emotion_classifier_queue_wait_seconds_bucket")).as("histogram for p50/p99").isTrue();
		assertThat(after.has("emotion_classifier_queue_texts")).as("queue depth gauge").isTrue();
		assertThat(after.has("emotion_classifier_rejected_total")).as("503s, shown before the first one").isTrue();
		assertThat(after.sum("emotion_classifier_model_info", "version=\"starter-2\"")).isEqualTo(1.0);
		assertThat(after.has("emotion_classifier_training_runs")).as("training progress").isTrue();
	}

	@Test
	void metricsAreOnTheManagementPortOnlyWhileTheServicePortKeepsItsHealth() {
		this.http.get().uri("/actuator/prometheus").exchange().expectStatus().value(status -> assertThat(status)
			.isIn(401, 404));
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		assertThat(Prometheus.get(this.environment, "/actuator/health/liveness").statusCode()).isEqualTo(200);
	}
}
