package dev.emotionmonitor.gateway.apilog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every request is logged, refused and failed ones included, and admins can query and count the log. */
class ApiLogTest extends GatewayTest {

	@Test
	void failedAndRefusedRequestsAreLoggedWithTheirDetails() {
		NewMember member = addMember("logged member", "member");
		Instant start = Instant.now();

		client.get().uri("/api/scraper/sources").headers(h -> h.setBearerAuth(member.key())).exchange()
			.expectStatus().isForbidden();
		client.get().uri("/api/corpus/stats").headers(h -> h.setBearerAuth("emk_wrong")).exchange()
			.expectStatus().isUnauthorized();
		String observation = "{\"source\":\"web\",\"message_id\":\"1\"}";
		client.post()
			.uri("/api/dashboard/observations")
			.headers(h -> h.setBearerAuth(member.key()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(observation)
			.exchange()
			.expectStatus()
			.isCreated();
		IssuedKey export = issueKey(member.id(), "export");
		client.get().uri("/api/dashboard/exports/weekly.csv?token=" + export.key()).exchange().expectStatus().isOk();

		List<Map<String, Object>> mine = await().atMost(Duration.ofSeconds(10))
			.until(() -> entries("member_id=" + member.id() + "&from=" + start), found -> found.size() == 3);
		Map<String, Object> refused = find(mine, "/api/scraper/sources");
		assertThat(refused).containsEntry("status", 403)
			.containsEntry("method", "GET")
			.containsEntry("route", "scraper")
			.containsEntry("member_name", "logged member")
			.containsEntry("role", "member")
			.containsEntry("credential", member.keyId())
			.containsEntry("client", "127.0.0.1")
			.containsKeys("at", "latency_ms", "bytes_out");
		assertThat(((Number) refused.get("bytes_out")).longValue()).as("the problem body").isPositive();

		Map<String, Object> posted = find(mine, "/api/dashboard/observations");
		assertThat(posted).containsEntry("status", 201).containsEntry("bytes_in", observation.length());
		assertThat(find(mine, "/api/dashboard/exports/weekly.csv")).containsEntry("credential", export.id());
		assertThat(mine).allSatisfy(entry -> assertThat((String) entry.get("path")).doesNotContain("token"));

		List<Map<String, Object>> anonymous = entries("status=401&path=/api/corpus/stats&from=" + start);
		assertThat(anonymous).hasSize(1);
		assertThat(anonymous.get(0)).containsEntry("role", "anonymous").doesNotContainKey("member_id");
	}

	@Test
	void countsPerMemberAndRoute() {
		NewMember member = addMember("counted", "member");
		Instant start = Instant.now();
		for (int i = 0; i < 3; i++) {
			client.get().uri("/api/dashboard/distribution").headers(h -> h.setBearerAuth(member.key())).exchange()
				.expectStatus().isOk();
		}
		client.get().uri("/api/corpus/stats").headers(h -> h.setBearerAuth(member.key())).exchange()
			.expectStatus().isOk();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> entries("member_id=" + member.id() + "&from=" + start), found -> found.size() == 4);

		client.get()
			.uri("/api/admin/api-log/counts?member_id=" + member.id() + "&from=" + start)
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total").isEqualTo(4)
			.jsonPath("$.by_member[0].key").isEqualTo(member.id())
			.jsonPath("$.by_member[0].member_name").isEqualTo("counted")
			.jsonPath("$.by_route[0].key").isEqualTo("dashboard")
			.jsonPath("$.by_route[0].count").isEqualTo(3)
			.jsonPath("$.by_route[1].key").isEqualTo("corpus")
			.jsonPath("$.by_status[0].key").isEqualTo("200");
	}

	@Test
	void badFiltersAreRefusedAndMembersCannotReadTheLog() {
		client.get().uri("/api/admin/api-log?from=yesterday").headers(h -> h.setBearerAuth(SERVICE_KEY)).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("ISO-8601"));
		client.get().uri("/api/admin/api-log?status=6xx").headers(h -> h.setBearerAuth(SERVICE_KEY)).exchange()
			.expectStatus().isBadRequest();
		NewMember member = addMember("curious member", "member");
		client.get().uri("/api/admin/api-log").headers(h -> h.setBearerAuth(member.key())).exchange()
			.expectStatus().isForbidden();
	}

	private static Map<String, Object> find(List<Map<String, Object>> entries, String path) {
		return entries.stream()
			.filter(entry -> path.equals(entry.get("path")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log entry for " + path + " in " + entries));
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> entries(String query) {
		Map<String, Object> page = client.get()
			.uri("/api/admin/api-log?size=100&" + query)
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return (List<Map<String, Object>>) page.get("items");
	}
}
