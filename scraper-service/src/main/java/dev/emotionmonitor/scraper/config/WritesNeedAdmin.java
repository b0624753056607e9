package dev.emotionmonitor.scraper.config;

import java.util.Set;

import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Creating, deleting and running sources and importing exports change what is collected, so a plain member (as the
 * gateway names the caller in {@code X-Emotion-Member-Role}) may only read. Admins, other services and internal calls
 * (no role header: only the gateway reaches this service) may write.
 */
@Component
class WritesNeedAdmin implements WebFilter {

	static final String ROLE_HEADER = "X-Emotion-Member-Role";

	private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String role = exchange.getRequest().getHeaders().getFirst(ROLE_HEADER);
		if ("member".equalsIgnoreCase(role) && WRITES.contains(exchange.getRequest().getMethod())) {
			return Mono.error(Problems.of(HttpStatus.FORBIDDEN, "Only an admin can " + describe(exchange)
					+ "; members can read messages and runs"));
		}
		return chain.filter(exchange);
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
