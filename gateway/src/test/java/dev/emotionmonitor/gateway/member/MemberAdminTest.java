package dev.emotionmonitor.gateway.member;

import java.util.List;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The members admin API refuses what would leave bad data behind. */
class MemberAdminTest extends GatewayTest {

	@Test
	void badMembersAreRefusedWithAClearProblem() {
		post(Map.of("display_name", " ", "role", "member")).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		post(Map.of("display_name", "x", "role", "owner")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("role must be 'admin' or 'member', not 'owner'");
		post(Map.of("display_name", "x", "identities", List.of("123456789"))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("discord:123456789012345678"));
	}

	@Test
	void aChatIdentityBelongsToOneMember() {
		NewMember first = addMember("first owner", "member", "discord:700000000000000001");
		post(Map.of("display_name", "second", "identities", List.of("discord:700000000000000001"))).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains(first.id()));
	}

	@Test
	void theLastActiveAdminCannotBeDisabledOrDemoted() {
		// members made by other tests in this context may be admins: demote every other active admin first
		NewMember only = addMember("the only admin", "admin");
		Map<?, ?> admins = client.get()
			.uri("/api/admin/members?role=admin&active=true&size=500")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		List<String> demoted = new java.util.ArrayList<>();
		try {
			for (Object item : (List<?>) admins.get("items")) {
				String id = (String) ((Map<?, ?>) item).get("id");
				if (!id.equals(only.id())) {
					patch(id, Map.of("role", "member")).expectStatus().isOk();
					demoted.add(id);
				}
			}
			patch(only.id(), Map.of("active", false)).expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.detail")
				.value(detail -> assertThat((String) detail).contains("last active admin"));
			patch(only.id(), Map.of("role", "member")).expectStatus().isEqualTo(409);
			NewMember next = addMember("next admin", "admin");
			patch(only.id(), Map.of("active", false)).expectStatus().isOk();
			assertThat(next.id()).isNotEqualTo(only.id());
		}
		finally {
			demoted.forEach(id -> patch(id, Map.of("role", "admin")).expectStatus().isOk());
		}
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(Map<String, ?> body) {
		return client.post()
			.uri("/api/admin/members")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec patch(String id,
			Map<String, ?> body) {
		return client.patch()
			.uri("/api/admin/members/" + id)
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}
}
