package dev.emotionmonitor.scraper.config;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.management.ManagementPort;
import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The scraper's API is for admins and the other services, as the gateway's route table says: it holds every
 * member's messages with their authors (the dashboard shows a member only their own figures) and decides what is
 * collected. Runs after Spring Security, which has already refused calls without a valid caller token; the health
 * probes stay open.
 */
@Component
class AdminsAndServicesOnly implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator/health") || ManagementPort.received(exchange)) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(principal -> principal instanceof Authentication authentication
					&& authentication.getPrincipal() instanceof Caller caller && caller.privileged())
			.defaultIfEmpty(false)
			.flatMap(allowed -> allowed ? chain.filter(exchange)
					: Mono.error(Problems.of(HttpStatus.FORBIDDEN, "Only an admin or a service can use the scraper's API "
							+ "(it holds every member's messages); members see their own figures on the dashboard")));
	}
}
