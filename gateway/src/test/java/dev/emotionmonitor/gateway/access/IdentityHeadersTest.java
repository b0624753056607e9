package dev.emotionmonitor.gateway.access;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import dev.emotionmonitor.gateway.support.StubBackend.Received;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity headers reach the backends only as the gateway sets them; whatever a caller sends is dropped. */
class IdentityHeadersTest extends GatewayTest {

	@Test
	void spoofedHeadersFromAMemberAreReplacedByTheRealIdentity() {
		NewMember member = addMember("김민수", "member", "discord:123456789012345678", "slack:U024BE7LH");

		client.get()
			.uri("/api/dashboard/members/me")
			.headers(h -> {
				h.setBearerAuth(member.key());
				h.set("X-Emotion-Member-Id", "m-someone-else");
				h.set("X-Emotion-Member-Role", "admin");
				h.set("x-emotion-member-name", "Mallory");
				h.set("X-Emotion-Member-Identities", "discord:999");
			})
			.exchange()
			.expectStatus()
			.isOk();

		Map<String, String> headers = backend.last("/members/me").headers();
		assertThat(headers).containsEntry("x-emotion-member-id", member.id())
			.containsEntry("x-emotion-member-role", "member")
			.containsEntry("x-emotion-member-identities", "discord:123456789012345678,slack:U024BE7LH");
		assertThat(URLDecoder.decode(headers.get("x-emotion-member-name"), StandardCharsets.UTF_8)).isEqualTo("김민수");
		assertThat(headers).doesNotContainKey("authorization").as("no key travels further than needed");
	}

	@Test
	void anonymousCallersCannotSmuggleAnIdentityToAPublicBackendPage() {
		client.get()
			.uri("/dashboard/index.html")
			.header("X-Emotion-Member-Id", "m-admin")
			.header("X-Emotion-Member-Role", "admin")
			.header("X-Emotion-Member-Name", "admin")
			.header("X-Emotion-Member-Identities", "discord:1")
			.exchange()
			.expectStatus()
			.isOk();

		Received received = backend.last("/ui/index.html");
		assertThat(received.headers().keySet()).noneMatch(name -> name.startsWith("x-emotion-member"));
	}

	@Test
	void theServiceKeyIsPassedOnAsTheServiceRole() {
		client.get()
			.uri("/api/corpus/stats?dataset=starter")
			.headers(h -> {
				h.setBearerAuth(SERVICE_KEY);
				h.set("X-Emotion-Member-Role", "admin");
			})
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(backend.last("/stats?dataset=starter").headers()).containsEntry("x-emotion-member-role", "service")
			.containsEntry("x-emotion-member-id", "service");
	}

	@Test
	void theDashboardPageIsServedFromTheDashboardsUiPath() {
		client.get()
			.uri("/dashboard")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/dashboard/");
		client.get()
			.uri("/dashboard/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("dashboard page /ui/"));
		client.get().uri("/webjars/chart.js/4.4.1/chart.umd.js").exchange().expectStatus().isOk();
		assertThat(backend.last("/webjars/").uri()).isEqualTo("/webjars/chart.js/4.4.1/chart.umd.js");
	}
}
