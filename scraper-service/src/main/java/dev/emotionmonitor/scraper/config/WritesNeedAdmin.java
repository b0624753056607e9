package dev.emotionmonitor.scraper.config;

import java.util.Set;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Creating, deleting and running sources and importing exports change what is collected, so a plain member (as the
 * caller token names the caller) may only read; admins and the other services may write. Runs after Spring
 * Security, which has already refused calls without a valid token.
 */
@Component
class WritesNeedAdmin implements WebFilter {

	private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!WRITES.contains(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal().flatMap(principal -> {
			if (principal instanceof Authentication authentication && authentication.getPrincipal() instanceof Caller caller
					&& caller.privileged()) {
				return chain.filter(exchange);
			}
			return Mono.error(Problems.of(HttpStatus.FORBIDDEN, "Only an admin can " + describe(exchange)
					+ "; members can read messages and runs"));
		});
	}

	private static String describe(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		if (path.startsWith("/imports")) {
			return "import exports";
		}
		if (path.endsWith("/runs")) {
			return "start runs";
		}
		return "change sources";
	}
}
