package dev.emotionmonitor.gateway.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Web sign-in: a key in, a session cookie out (HttpOnly, SameSite, Secure over https); who am I; sign out. */
@RestController
@RequestMapping("/api/session")
class SignInController {

	private final Credentials credentials;

	private final EmotionGatewayProperties properties;

	SignInController(Credentials credentials, EmotionGatewayProperties properties) {
		this.credentials = credentials;
		this.properties = properties;
	}

	@PostMapping
	Mono<SessionView> signIn(@Valid @RequestBody SignIn request, ServerWebExchange exchange) {
		return credentials.fromKey(request.key().strip())
			.switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.UNAUTHORIZED,
					"The API key is unknown or revoked, or its member is disabled")))
			.flatMap(caller -> {
				if (caller.credential() != Caller.Credential.API_KEY) {
					return Mono.error(Problems.badRequest("Sign in with a member's API key; export tokens and the "
							+ "service key cannot open a web session"));
				}
				return credentials.signIn(caller);
			})
			.map(signedIn -> {
				exchange.getResponse().addCookie(cookie(exchange.getRequest(), signedIn.token(),
						Duration.between(Instant.now(), signedIn.expiresAt())));
				return SessionView.of(signedIn.caller(), signedIn.expiresAt());
			});
	}

	@GetMapping
	Mono<SessionView> current(ServerWebExchange exchange) {
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		return Mono.justOrEmpty(caller).map(found -> SessionView.of(found, null));
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> signOut(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(properties.session().cookieName());
		exchange.getResponse().addCookie(cookie(exchange.getRequest(), "", Duration.ZERO));
		return cookie == null ? Mono.empty() : credentials.signOut(cookie.getValue());
	}

	private ResponseCookie cookie(ServerHttpRequest request, String value, Duration maxAge) {
		return ResponseCookie.from(properties.session().cookieName(), value)
			.httpOnly(true)
			.secure(overHttps(request))
			.sameSite(properties.session().sameSite())
			.path("/")
			.maxAge(maxAge)
			.build();
	}

	/** https directly, or behind a proxy that says so. */
	static boolean overHttps(ServerHttpRequest request) {
		return "https".equalsIgnoreCase(request.getURI().getScheme())
				|| "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
	}

	record SignIn(@NotBlank String key) {
	}

	record SessionView(String memberId, String displayName, String role, List<String> identities, String via,
			Instant expiresAt) {

		static SessionView of(Caller caller, Instant expiresAt) {
			return new SessionView(caller.memberId(), caller.displayName(), caller.role().id(), caller.identities(),
					caller.credential().name().toLowerCase(java.util.Locale.ROOT), expiresAt);
		}
	}
}
