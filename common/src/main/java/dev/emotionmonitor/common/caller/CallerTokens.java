package dev.emotionmonitor.common.caller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The caller token the gateway forwards to a backend ({@code Authorization: Bearer}): a JWT signed with HS256, issued
 * by {@value #ISSUER}, for one backend ({@code aud}), living at most {@link #MAX_LIFETIME}, with the claims
 * {@code sub} (member id), {@code role}, {@code name} and {@code identities}. The gateway mints it; backends verify it.
 */
public final class CallerTokens {

	public static final String ISSUER = "emotion-gateway";

	public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private CallerTokens() {
	}

	public static JwtEncoder encoder(SecretKey key) {
		return NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
	}

	/** A token for {@code caller} that only {@code audience} accepts, valid from {@code now} for {@code lifetime}. */
	public static Jwt mint(JwtEncoder encoder, Caller caller, String audience, Instant now, Duration lifetime) {
		if (lifetime.compareTo(MAX_LIFETIME) > 0) {
			throw new IllegalArgumentException("A caller token lives at most " + MAX_LIFETIME);
		}
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(caller.memberId())
			.audience(List.of(audience))
			.issuedAt(now)
			.expiresAt(now.plus(lifetime))
			.claim("role", caller.role().id())
			.claim("identities", caller.identities())
			.claims(all -> {
				if (caller.name() != null) {
					all.put("name", caller.name());
				}
			})
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
	}

	/**
	 * Verifies signature (HS256 only: {@code alg: none} and other algorithms fail), issuer, audience, expiry and that
	 * the token was not made to live longer than {@link #MAX_LIFETIME}.
	 */
	public static ReactiveJwtDecoder decoder(SecretKey key, String audience) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		OAuth2TokenValidator<Jwt> audienceCheck = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
				? OAuth2TokenValidatorResult.success()
				: failure("The token is meant for another service, not " + audience);
		OAuth2TokenValidator<Jwt> shortLived = jwt -> jwt.getIssuedAt() != null && jwt.getExpiresAt() != null
				&& !jwt.getExpiresAt().isAfter(jwt.getIssuedAt().plus(MAX_LIFETIME))
				&& jwt.getClaimAsString("role") != null && Role.ofId(jwt.getClaimAsString("role")).isPresent()
						? OAuth2TokenValidatorResult.success()
						: failure("The token must carry a role and live at most " + MAX_LIFETIME.toMinutes() + " minutes");
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(CLOCK_SKEW),
				new JwtIssuerValidator(ISSUER), audienceCheck, shortLived));
		return decoder;
	}

	/** The caller a verified token names. */
	public static Caller caller(Jwt jwt) {
		List<String> identities = jwt.getClaimAsStringList("identities");
		Role role = Role.ofId(jwt.getClaimAsString("role")).orElseThrow();
		return new Caller(jwt.getSubject(), jwt.getClaimAsString("name"), role, identities);
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}
}
