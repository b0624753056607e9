package dev.emotionmonitor.gateway.access;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.emotionmonitor.common.caller.CallerTokens;
import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a backend receives instead of the caller's own credential: a caller token minted for that backend
 * ({@link CallerTokens}), reused until shortly before it expires. The caller's key, session cookie, export token and
 * any identity header sent from outside go no further than the gateway.
 */
@Component
class CallerTokenRelay implements GlobalFilter, Ordered {

	private static final String IDENTITY_HEADER_PREFIX = "X-Emotion-Member-";

	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

	private final JwtEncoder encoder;

	private final Duration lifetime;

	private final String sessionCookie;

	private final Cache<Audience, String> tokens;

	CallerTokenRelay(SecretKey callerTokenKey, EmotionGatewayProperties properties) {
		this.encoder = CallerTokens.encoder(callerTokenKey);
		this.lifetime = properties.callerTokenLifetime();
		this.sessionCookie = properties.session().cookieName();
		Duration reuse = this.lifetime.minus(RENEW_BEFORE_EXPIRY);
		this.tokens = Caffeine.newBuilder()
			.maximumSize(10_000)
			// maintenance on the calling thread: no hand-off to the common pool on the request path
			.executor(Runnable::run)
			.expireAfterWrite(reuse.isNegative() || reuse.isZero() ? this.lifetime.dividedBy(2) : reuse)
			.build();
	}

	@Override
	public int getOrder() {
		// before the load balancer (10150) and the Netty routing filter pick and call an instance
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		String backend = route != null && "lb".equals(route.getUri().getScheme()) ? route.getUri().getHost() : null;
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpRequest.Builder forwarded = request.mutate().headers(headers -> {
			List.copyOf(headers.headerNames()).stream()
				.filter(name -> name.regionMatches(true, 0, IDENTITY_HEADER_PREFIX, 0, IDENTITY_HEADER_PREFIX.length()))
				.forEach(headers::remove);
			headers.remove(HttpHeaders.AUTHORIZATION);
			removeCookie(headers, this.sessionCookie);
			if (caller != null && backend != null) {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token(caller, backend));
			}
		});
		if (request.getQueryParams().containsKey("token")) {
			URI withoutToken = UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam("token").build(true).toUri();
			forwarded.uri(withoutToken);
		}
		return chain.filter(exchange.mutate().request(forwarded.build()).build());
	}

	private String token(Caller caller, String backend) {
		return this.tokens.get(new Audience(caller, backend), key -> CallerTokens
			.mint(this.encoder, caller.identity(), backend, Instant.now(), this.lifetime)
			.getTokenValue());
	}

	private static void removeCookie(HttpHeaders headers, String name) {
		List<String> cookies = headers.get(HttpHeaders.COOKIE);
		if (cookies == null) {
			return;
		}
		List<String> kept = cookies.stream()
			.flatMap(line -> java.util.Arrays.stream(line.split(";")))
			.map(String::strip)
			.filter(pair -> !pair.isEmpty() && !pair.startsWith(name + "="))
			.toList();
		if (kept.isEmpty()) {
			headers.remove(HttpHeaders.COOKIE);
		}
		else {
			headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
		}
	}

	/** One token per caller (its role and identities included) and backend. */
	private record Audience(Caller caller, String backend) {
	}
}
