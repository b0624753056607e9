package dev.emotionmonitor.gateway.metrics;

import dev.emotionmonitor.common.test.Prometheus;
import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's figures on its management port move with traffic, and neither its public port nor a backend route
 * reaches them.
 */
class GatewayMetricsTest extends GatewayTest {

	@Autowired
	Environment environment;

	@Test
	void authenticationsByOutcomeAndRouteLatencyAreCounted() {
		Prometheus before = Prometheus.scrape(this.environment);
		NewMember member = addMember("메트릭", "member");
		this.client.get().uri("/api/classifier/models").headers(h -> h.setBearerAuth("emk_unknown-key-for-metrics"))
			.exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/api/classifier/models").headers(h -> h.setBearerAuth(member.key()))
			.exchange().expectStatus().is2xxSuccessful();
		Prometheus after = Prometheus.scrape(this.environment);

		assertThat(after.sum("emotion_gateway_authentications_total", "outcome=\"failure\"")
				- before.sum("emotion_gateway_authentications_total", "outcome=\"failure\"")).isEqualTo(1.0);
		assertThat(after.sum("emotion_gateway_authentications_total", "outcome=\"success\"")
				- before.sum("emotion_gateway_authentications_total", "outcome=\"success\"")).isGreaterThanOrEqualTo(1.0);
		assertThat(after.sum("emotion_gateway_route_latency_seconds_count", "route=\"classifier\"")
				- before.sum("emotion_gateway_route_latency_seconds_count", "route=\"classifier\"")).isEqualTo(1.0);
		assertThat(after.has("emotion_gateway_route_latency_seconds_bucket")).isTrue();
		assertThat(after.has("emotion_gateway_rate_limited_total")).isTrue();
		assertThat(after.sum("http_server_requests_seconds_count", "status=\"401\"")
				- before.sum("http_server_requests_seconds_count", "status=\"401\"")).as("Boot's HTTP server metric")
			.isEqualTo(1.0);
		assertThat(after.text()).as("no long task timer per proxied request (metrics CPU budget)")
			.doesNotContain("http_server_requests_active")
			.as("no second per-request timer from Spring Cloud Gateway")
			.doesNotContain("spring_cloud_gateway_requests");
	}

	@Test
	void metricsAreNeverServedOnThePublicPortNorRoutedToABackend() {
		this.client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange().expectStatus().value(status -> assertThat(status).isIn(401, 403, 404));
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}
}
