package dev.emotionmonitor.gateway.routing;

import dev.emotionmonitor.gateway.support.GatewayTest;
import dev.emotionmonitor.gateway.support.StubBackend.Received;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend learns the public URL it was called by (so its Location and Link headers work through the gateway),
 * and never the forwarded headers a caller made up.
 */
class ForwardedHeadersTest extends GatewayTest {

	@Value("${local.server.port}")
	int port;

	@Test
	void theBackendIsToldTheGatewaysSchemeHostPortAndItsRoutePrefix() {
		NewMember member = addMember("forwarded member", "member");
		client.get()
			.uri("/api/dashboard/timeline")
			.headers(h -> {
				h.setBearerAuth(member.key());
				h.set("X-Forwarded-Host", "evil.example.org");
				h.set("X-Forwarded-Prefix", "/elsewhere");
				h.set("Forwarded", "host=evil.example.org;proto=https");
			})
			.exchange()
			.expectStatus()
			.isOk();

		Received received = backend.last("/timeline");
		String gatewayPort = String.valueOf(this.port);
		assertThat(received.headers()).containsEntry("x-forwarded-proto", "http")
			.containsEntry("x-forwarded-host", "localhost")
			.containsEntry("x-forwarded-port", gatewayPort)
			.containsEntry("x-forwarded-prefix", "/api/dashboard")
			.doesNotContainKey("forwarded");
	}
}
