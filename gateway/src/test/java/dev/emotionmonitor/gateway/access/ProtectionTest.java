package dev.emotionmonitor.gateway.access;

import java.time.Duration;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits, size limits, CORS, security headers on pages and health without details for anonymous callers. */
class ProtectionTest extends GatewayTest {

	@Test
	void rateLimitAnswers429WithRetryAfterAndRecovers() throws InterruptedException {
		// the test configuration gives members 5 classifications in a burst, then 1 per second; on a busy machine a
		// few more may pass while the burst is sent, so count how many pass before the first 429
		NewMember member = addMember("rate limited", "member");
		NewMember other = addMember("someone else", "member");
		long start = System.nanoTime();
		int passed = 0;
		EntityExchangeResult<byte[]> limited = null;
		while (limited == null && passed < 30) {
			EntityExchangeResult<byte[]> result = classify(member.key()).expectBody().returnResult();
			if (result.getStatus().value() == 200) {
				passed++;
			}
			else {
				limited = result;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(limited).as("a 429 after the burst").isNotNull();
		assertThat(passed).isBetween(5, 5 + (int) Math.ceil(seconds) + 1);
		assertThat(limited.getStatus().value()).isEqualTo(429);
		assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String(limited.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("Rate limit");
		long retryAfter = Long.parseLong(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isEqualTo(1L);

		classify(other.key()).expectStatus().isOk(); // another key has its own bucket
		client.get()
			.uri("/api/dashboard/distribution")
			.headers(h -> h.setBearerAuth(member.key()))
			.exchange()
			.expectStatus()
			.isOk(); // another route has its own bucket

		Thread.sleep(Duration.ofSeconds(retryAfter).toMillis() + 100);
		classify(member.key()).expectStatus().isOk(); // recovered after Retry-After
	}

	@Test
	void bodiesOverTheRouteLimitAre413() {
		NewMember member = addMember("big body", "member");
		byte[] big = new byte[70 * 1024];
		client.post()
			.uri("/api/dashboard/observations")
			.headers(h -> h.setBearerAuth(member.key()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(big)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("at most 64 KB"));
		int before = backend.observations.size();
		client.post()
			.uri("/api/dashboard/observations")
			.headers(h -> h.setBearerAuth(member.key()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"source\":\"web\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(backend.observations).hasSize(before + 1);
	}

	@Test
	void corsAllowsOnlyTheConfiguredOrigin() {
		client.options()
			.uri("/api/classifier/classifications")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		client.options()
			.uri("/api/classifier/classifications")
			.header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void aStaleKeyOrAnEndedSessionDoesNotLockAnyoneOutOfPublicPages() {
		client.get().uri("/").header(HttpHeaders.AUTHORIZATION, "Bearer emk_revoked-long-ago").exchange()
			.expectStatus().isOk();
		client.get().uri("/").cookie("EMOTION_SESSION", "ended-session").exchange().expectStatus().isOk();
		client.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer emk_revoked-long-ago").exchange()
			.expectStatus().isOk();
		client.get().uri("/api/dashboard/timeline").header(HttpHeaders.AUTHORIZATION, "Bearer emk_revoked-long-ago")
			.exchange().expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.detail").isEqualTo("The API key is unknown or revoked, or its member is disabled");
	}

	@Test
	void pagesCarrySecurityHeaders() {
		client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches("Content-Security-Policy", ".*default-src 'self'.*frame-ancestors 'none'.*")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.exists("Referrer-Policy")
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("감정 분석").doesNotContain("http://").doesNotContain("https://"));
		client.get()
			.uri("/")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectHeader()
			.exists("Strict-Transport-Security");
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthShowsOnlyTheStatusToAnonymousCallersAndBackendsToAdmins() {
		Map<String, Object> anonymous = client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(anonymous).containsKey("status").doesNotContainKeys("components", "details");

		NewMember member = addMember("health member", "member");
		Map<String, Object> asMember = client.get()
			.uri("/actuator/health")
			.headers(h -> h.setBearerAuth(member.key()))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(asMember).doesNotContainKey("components");

		NewMember admin = addMember("health admin", "admin");
		Map<String, Object> asAdmin = client.get()
			.uri("/actuator/health")
			.headers(h -> h.setBearerAuth(admin.key()))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		Map<String, Object> components = (Map<String, Object>) asAdmin.get("components");
		assertThat(components).containsKey("backends");
		assertThat((Map<String, Object>) ((Map<String, Object>) components.get("backends")).get("components"))
			.containsKeys("corpus", "classifier", "scraper", "dashboard");

		client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		client.get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
		// the rest of the actuator lives on the management port, which the public port never serves
		client.method(HttpMethod.GET)
			.uri("/actuator/info")
			.headers(h -> h.setBearerAuth(admin.key()))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec classify(String key) {
		return client.post()
			.uri("/api/classifier/classifications")
			.headers(h -> h.setBearerAuth(key))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "내일 발표가 걱정돼요"))
			.exchange();
	}
}
