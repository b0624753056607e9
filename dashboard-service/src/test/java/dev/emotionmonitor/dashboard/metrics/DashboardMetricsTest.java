package dev.emotionmonitor.dashboard.metrics;

import java.util.List;

import dev.emotionmonitor.common.test.Prometheus;
import dev.emotionmonitor.dashboard.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** Observations and export requests move the dashboard's figures on its management port. */
class DashboardMetricsTest extends ApiTestSupport {

	private static final String CHANNEL = "metrics-channel";

	@Autowired
	Environment environment;

	@Test
	void observationsAndExportRequestsAreCounted() {
		Prometheus before = Prometheus.scrape(this.environment);
		store(List.of(observation("discord", "metrics-1", "discord:9001", "Lee", CHANNEL, "2019-03-05T10:00:00Z", "joy"),
				observation("discord", "metrics-2", "discord:9001", "Lee", CHANNEL, "2019-03-06T10:00:00Z", "anger")));
		store(List.of(observation("discord", "metrics-1", "discord:9001", "Lee", CHANNEL, "2019-03-05T10:00:00Z", "joy")));
		this.client.get().uri("/exports/weekly.csv?channel=" + CHANNEL).exchange().expectStatus().isOk();
		Prometheus after = Prometheus.scrape(this.environment);

		assertThat(after.sum("emotion_dashboard_observations_total", "outcome=\"created\"")
				- before.sum("emotion_dashboard_observations_total", "outcome=\"created\"")).isEqualTo(2.0);
		assertThat(after.sum("emotion_dashboard_observations_total", "outcome=\"unchanged\"")
				- before.sum("emotion_dashboard_observations_total", "outcome=\"unchanged\"")).isEqualTo(1.0);
		assertThat(after.sum("emotion_dashboard_export_requests_total", "export=\"weekly.csv\"")
				- before.sum("emotion_dashboard_export_requests_total", "export=\"weekly.csv\"")).isEqualTo(1.0);
		assertThat(after.has("emotion_dashboard_alert_evaluations_total")).isTrue();
	}
}
