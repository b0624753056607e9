package dev.emotionmonitor.gateway.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.caller.CallerTokens;
import dev.emotionmonitor.common.caller.Role;
import dev.emotionmonitor.common.test.TestCallers;
import dev.emotionmonitor.gateway.support.GatewayTest;
import dev.emotionmonitor.gateway.support.StubBackend.Received;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend learns who is calling only from the caller token the gateway signs for it; identity headers, keys and
 * cookies a caller sends go no further than the gateway.
 */
class CallerTokenTest extends GatewayTest {

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

		Received received = backend.last("/members/me");
		assertThat(received.headers().keySet()).noneMatch(name -> name.startsWith("x-emotion-member"));
		assertThat(received.headers().get("authorization")).doesNotContain(member.key());
		var caller = received.caller("dashboard");
		assertThat(caller.memberId()).isEqualTo(member.id());
		assertThat(caller.role()).isEqualTo(Role.MEMBER);
		assertThat(caller.name()).isEqualTo("김민수");
		assertThat(caller.identities()).containsExactly("discord:123456789012345678", "slack:U024BE7LH");
		var token = received.callerToken("dashboard");
		assertThat(token.getAudience()).containsExactly("dashboard");
		assertThat(token.getClaimAsString("iss")).isEqualTo(CallerTokens.ISSUER);
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isLessThanOrEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aTokenMadeForOneBackendIsRefusedByAnother() {
		NewMember member = addMember("aud member", "member");
		client.get().uri("/api/dashboard/timeline").headers(h -> h.setBearerAuth(member.key())).exchange()
			.expectStatus().isOk();
		String token = backend.last("/timeline").headers().get("authorization").substring(7);

		assertThat(CallerTokens.decoder(TestCallers.KEY, "dashboard").decode(token).block()).isNotNull();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> CallerTokens.decoder(TestCallers.KEY, "corpus").decode(token).block())
			.hasMessageContaining("another service");
	}

	@Test
	void oneTokenPerCallerAndBackendIsReusedUntilShortlyBeforeItExpires() {
		NewMember member = addMember("reuse member", "member");
		for (int i = 0; i < 3; i++) {
			client.get().uri("/api/dashboard/timeline").headers(h -> h.setBearerAuth(member.key())).exchange()
				.expectStatus().isOk();
		}
		List<String> sent = backend.received.stream()
			.filter(r -> r.uri().equals("/timeline") && r.caller("dashboard").memberId().equals(member.id()))
			.map(r -> r.headers().get("authorization"))
			.distinct()
			.toList();
		assertThat(sent).hasSize(1);
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
		assertThat(received.headers().keySet()).noneMatch(name -> name.startsWith("x-emotion-member"))
			.doesNotContain("authorization");
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

		var caller = backend.last("/stats?dataset=starter").caller("corpus");
		assertThat(caller.role()).isEqualTo(Role.SERVICE);
		assertThat(caller.memberId()).isEqualTo("service");
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
