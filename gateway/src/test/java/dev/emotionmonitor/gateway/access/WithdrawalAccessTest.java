package dev.emotionmonitor.gateway.access;

import dev.emotionmonitor.common.caller.Role;
import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Withdrawing observations (the scraper, for messages deleted or edited in the chat) takes them out of everybody's
 * figures: the services' key and admins reach the dashboard, members are refused at the gateway.
 */
class WithdrawalAccessTest extends GatewayTest {

	private static final String PATH = "/api/dashboard/observations/withdrawals";

	private static final String BODY = "{\"items\":[{\"source\":\"discord\",\"message_id\":\"1310000000000000001\"}]}";

	@Test
	void membersAreRefusedAndTheServicesKeyAndAdminsPass() {
		NewMember member = addMember("철회 멤버", "member", "discord:1310000000000000099");
		NewMember admin = addMember("withdrawal admin", "admin");
		int before = backend.received.size();

		client.post().uri(PATH).headers(h -> h.setBearerAuth(member.key())).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY).exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("admin"));
		assertThat(backend.received.subList(before, backend.received.size()))
			.as("a member's withdrawal never reaches the dashboard")
			.noneMatch(received -> received.uri().startsWith("/observations/withdrawals"));

		client.post().uri(PATH).headers(h -> h.setBearerAuth(SERVICE_KEY)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY).exchange()
			.expectStatus().is2xxSuccessful();
		assertThat(backend.last("/observations/withdrawals").caller("dashboard").role()).isEqualTo(Role.SERVICE);
		assertThat(backend.last("/observations/withdrawals").body()).isEqualTo(BODY);

		client.post().uri(PATH).headers(h -> h.setBearerAuth(admin.key())).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY).exchange()
			.expectStatus().is2xxSuccessful();
		assertThat(backend.last("/observations/withdrawals").caller("dashboard").role()).isEqualTo(Role.ADMIN);

		client.post().uri("/api/dashboard/observations").headers(h -> h.setBearerAuth(member.key()))
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().value(status -> assertThat(status).as("members still log their own observations")
				.isNotIn(401, 403));
	}
}
