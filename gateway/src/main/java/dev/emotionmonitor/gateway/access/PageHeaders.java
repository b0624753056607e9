package dev.emotionmonitor.gateway.access;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Security headers: {@code nosniff} and a referrer policy on everything; on pages a content security policy (the
 * classify page loads only its own files; the dashboard's own policy wins if it sends one), no framing, and HSTS
 * over https. Sign-in and admin answers are never cached.
 */
@Component
class PageHeaders implements WebFilter, Ordered {

	private static final String CLASSIFY_PAGE_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
			+ "base-uri 'self'; form-action 'self'";

	private final String dashboardPolicy;

	PageHeaders(EmotionGatewayProperties properties) {
		this.dashboardPolicy = properties.dashboardContentSecurityPolicy();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		boolean https = SignInController.overHttps(request);
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("X-Content-Type-Options", "nosniff");
			setIfAbsent(headers, "Referrer-Policy", "same-origin");
			if (https) {
				setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000");
			}
			if (path.startsWith("/api/session") || path.startsWith("/api/admin/")) {
				headers.setCacheControl("no-store");
			}
			else if (!path.startsWith("/api/") && !path.startsWith("/actuator")) {
				boolean dashboard = path.equals("/dashboard") || path.startsWith("/dashboard/")
						|| path.startsWith("/webjars/");
				setIfAbsent(headers, "Content-Security-Policy", dashboard ? dashboardPolicy : CLASSIFY_PAGE_POLICY);
				setIfAbsent(headers, "X-Frame-Options", "DENY");
				setIfAbsent(headers, "Cross-Origin-Opener-Policy", "same-origin");
				setIfAbsent(headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private static void setIfAbsent(HttpHeaders headers, String name, String value) {
		if (!headers.containsHeader(name)) {
			headers.set(name, value);
		}
	}
}
