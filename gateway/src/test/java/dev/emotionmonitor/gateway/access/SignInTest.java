package dev.emotionmonitor.gateway.access;

import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Web sign-in with a key, the session cookie, sign-out, and keys that stop working the moment they are revoked. */
class SignInTest extends GatewayTest {

	@Test
	void signInGivesAnHttpOnlySameSiteCookieThatActsAsTheMember() {
		NewMember member = addMember("세션 멤버", "member", "discord:42");
		String cookie = signIn(member.key());
		ResponseCookie parsed = parseSetCookie(cookie);
		assertThat(parsed.isHttpOnly()).isTrue();
		assertThat(parsed.getSameSite()).isEqualTo("Strict");
		assertThat(parsed.isSecure()).as("plain http on loopback").isFalse();
		assertThat(parsed.getValue()).isNotEqualTo(member.key());

		withCookie(client.get().uri("/api/session"), parsed).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.member_id")
			.isEqualTo(member.id())
			.jsonPath("$.role")
			.isEqualTo("member")
			.jsonPath("$.via")
			.isEqualTo("session");

		withCookie(client.get().uri("/api/dashboard/timeline"), parsed).exchange().expectStatus().isOk();
		assertThat(backend.last("/timeline").caller("dashboard").memberId()).isEqualTo(member.id());
		assertThat(backend.last("/timeline").headers()).doesNotContainKey("cookie");

		withCookie(client.post().uri("/api/scraper/sources"), parsed).exchange().expectStatus().isForbidden();

		withCookie(client.delete().uri("/api/session"), parsed).exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.value(HttpHeaders.SET_COOKIE, value -> assertThat(value).contains("Max-Age=0"));
		withCookie(client.get().uri("/api/dashboard/timeline"), parsed).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void overHttpsTheCookieIsSecure() {
		NewMember member = addMember("https member", "member");
		String cookie = client.post()
			.uri("/api/session")
			.header("X-Forwarded-Proto", "https")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", member.key()))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE);
		assertThat(parseSetCookie(cookie).isSecure()).isTrue();
	}

	@Test
	void aWrongKeyOrAnExportTokenOpensNoSession() {
		client.post()
			.uri("/api/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", "emk_not-a-real-key"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		NewMember member = addMember("export only", "member");
		IssuedKey export = issueKey(member.id(), "export");
		client.post()
			.uri("/api/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", export.key()))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void aRevokedKeyStopsAtOnceAndEndsItsSessions() {
		NewMember member = addMember("revoked soon", "member");
		ResponseCookie session = parseSetCookie(signIn(member.key()));
		callAsMember(member.key()).expectStatus().isOk();
		callAsMember(member.key()).expectStatus().isOk();

		client.delete()
			.uri("/api/admin/keys/" + member.keyId())
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked_at")
			.isNotEmpty();

		callAsMember(member.key()).expectStatus().isUnauthorized();
		withCookie(client.get().uri("/api/dashboard/timeline"), session).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aDisabledMemberIsRefusedAtOnce() {
		NewMember member = addMember("disabled soon", "member");
		callAsMember(member.key()).expectStatus().isOk();
		client.patch()
			.uri("/api/admin/members/" + member.id())
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("active", false))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.active")
			.isEqualTo(false);
		callAsMember(member.key()).expectStatus().isUnauthorized();
	}

	private WebTestClient.ResponseSpec callAsMember(String key) {
		return client.get().uri("/api/dashboard/timeline").headers(h -> h.setBearerAuth(key)).exchange();
	}

	private String signIn(String key) {
		return client.post()
			.uri("/api/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", key))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE);
	}

	private static <S extends WebTestClient.RequestHeadersSpec<?>> S withCookie(S spec, ResponseCookie cookie) {
		spec.cookie(cookie.getName(), cookie.getValue());
		return spec;
	}

	private static ResponseCookie parseSetCookie(String header) {
		assertThat(header).as("Set-Cookie").isNotNull();
		String[] parts = header.split(";\\s*");
		String[] nameValue = parts[0].split("=", 2);
		ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(nameValue[0], nameValue[1]);
		for (int i = 1; i < parts.length; i++) {
			String[] attribute = parts[i].split("=", 2);
			switch (attribute[0].toLowerCase()) {
				case "httponly" -> builder.httpOnly(true);
				case "secure" -> builder.secure(true);
				case "samesite" -> builder.sameSite(attribute[1]);
				default -> {
				}
			}
		}
		return builder.build();
	}
}
