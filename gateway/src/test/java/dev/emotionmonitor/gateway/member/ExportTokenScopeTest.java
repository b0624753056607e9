package dev.emotionmonitor.gateway.member;

import java.util.Map;

import dev.emotionmonitor.common.caller.Role;
import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export token for a team's Grafana or Sheets reads every member's rows; one for a member what that member may
 * see. Either stays a read-only export token.
 */
class ExportTokenScopeTest extends GatewayTest {

	@Test
	void aTeamTokenReadsExportsForTheWholeTeamAndNothingElse() {
		NewMember grafana = addMember("Grafana", "member");
		String team = issue(grafana.id(), "export", "team");
		String own = issue(grafana.id(), "export", null);

		client.get().uri("/api/dashboard/exports/observations.json?token=" + team).exchange().expectStatus().isOk();
		assertThat(backend.last("/exports/observations.json").caller("dashboard").role()).isEqualTo(Role.SERVICE);
		client.get().uri("/api/dashboard/exports/observations.json?token=" + own).exchange().expectStatus().isOk();
		assertThat(backend.last("/exports/observations.json").caller("dashboard").role()).isEqualTo(Role.MEMBER);

		client.get().uri("/api/dashboard/timeline?token=" + team).exchange().expectStatus().isUnauthorized();
		client.get()
			.uri("/api/scraper/messages")
			.headers(h -> h.setBearerAuth(team))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void onlyExportTokensHaveATeamScope() {
		NewMember member = addMember("scope member", "member");
		client.post()
			.uri("/api/admin/keys")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("member_id", member.id(), "kind", "api", "scope", "team"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("export tokens"));
		client.post()
			.uri("/api/admin/keys")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("member_id", member.id(), "kind", "export", "scope", "everyone"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private String issue(String memberId, String kind, String scope) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("member_id", memberId, "kind", kind, "name", "grafana"));
		if (scope != null) {
			body.put("scope", scope);
		}
		Map<String, Object> key = client.post()
			.uri("/api/admin/keys")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(key.get("scope")).isEqualTo(scope == null ? "own" : scope);
		return (String) key.get("key");
	}
}
