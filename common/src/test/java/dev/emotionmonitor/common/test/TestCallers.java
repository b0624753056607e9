package dev.emotionmonitor.common.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.caller.CallerTokens;
import dev.emotionmonitor.common.caller.Role;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Caller tokens for tests, signed with the secret every test context gets ({@link TestSecurityContextCustomizer}), so a
 * backend test can call as the gateway would for a member, an admin or the services.
 */
public final class TestCallers {

	public static final String SECRET = "test-secret-for-caller-tokens-only-32+";

	public static final SecretKey KEY = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");

	private static final JwtEncoder ENCODER = CallerTokens.encoder(KEY);

	private TestCallers() {
	}

	public static Caller member(String memberId, String name, String... identities) {
		return new Caller(memberId, name, Role.MEMBER, List.of(identities));
	}

	public static Caller admin() {
		return new Caller("admin-1", "admin", Role.ADMIN, List.of());
	}

	/** {@code Bearer <token>} for {@code caller} at {@code audience}, valid for five minutes. */
	public static String bearer(Caller caller, String audience) {
		return "Bearer " + token(caller, audience, Instant.now(), CallerTokens.MAX_LIFETIME);
	}

	public static String token(Caller caller, String audience, Instant issuedAt, Duration lifetime) {
		return CallerTokens.mint(ENCODER, caller, audience, issuedAt, lifetime).getTokenValue();
	}

	/**
	 * Sends each request as the services do (a fresh service token, so long benchmarks outlive a token's five
	 * minutes) unless it already carries its own {@code Authorization}.
	 */
	public static ExchangeFilterFunction asService(String audience) {
		return (request, next) -> next.exchange(request.headers().containsHeader(HttpHeaders.AUTHORIZATION) ? request
				: ClientRequest.from(request).header(HttpHeaders.AUTHORIZATION, bearer(Caller.SERVICE, audience)).build());
	}

	/** A token signed with another key: a backend must refuse it. */
	public static String foreignToken(Caller caller, String audience) {
		SecretKey other = new SecretKeySpec("another-secret-that-nobody-shares-000".getBytes(StandardCharsets.UTF_8),
				"HmacSHA256");
		return CallerTokens.mint(CallerTokens.encoder(other), caller, audience, Instant.now(), CallerTokens.MAX_LIFETIME)
			.getTokenValue();
	}
}
