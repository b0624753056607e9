package dev.emotionmonitor.gateway.access;

import dev.emotionmonitor.gateway.access.PresentedCredential.Kind;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the credential a request presents, in this order: {@code Authorization: Bearer <key>}, an export token in
 * {@code ?token=} (only on routes that take export tokens, because query strings end up in logs), the session cookie.
 */
final class CredentialConverter implements ServerAuthenticationConverter {

	private final String sessionCookie;

	CredentialConverter(String sessionCookie) {
		this.sessionCookie = sessionCookie;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.strip().length() < 8) {
				return Mono.error(new BadCredentialsException("Send the key as 'Authorization: Bearer <key>'"));
			}
			return Mono.just(new PresentedCredential(Kind.BEARER, authorization.substring(7).strip()));
		}
		String token = request.getQueryParams().getFirst("token");
		if (token != null && RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication()).exportTokens()) {
			return Mono.just(new PresentedCredential(Kind.QUERY_TOKEN, token));
		}
		HttpCookie cookie = request.getCookies().getFirst(this.sessionCookie);
		if (cookie != null && !cookie.getValue().isEmpty()) {
			return Mono.just(new PresentedCredential(Kind.SESSION, cookie.getValue()));
		}
		return Mono.empty();
	}
}
