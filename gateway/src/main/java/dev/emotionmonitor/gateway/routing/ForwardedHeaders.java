package dev.emotionmonitor.gateway.routing;

import java.net.URI;
import java.util.List;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells each backend the public URL it was called by: {@code X-Forwarded-Proto/Host/Port} of the gateway (or of
 * {@code emotion.gateway.public-url}) and {@code X-Forwarded-Prefix: /api/<backend>}, so the {@code Location}, paging
 * {@code Link} and OpenAPI server URLs a backend builds work through the gateway. Forwarded headers sent by the
 * caller are dropped, never passed on. (Spring Cloud Gateway's own X-Forwarded filter only runs for a configured
 * trusted proxy and appends the caller's values; here the gateway is the edge.)
 */
@Component
class ForwardedHeaders implements GlobalFilter, Ordered {

	private static final List<String> FORWARDED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Ssl");

	private final URI publicUrl;

	ForwardedHeaders(EmotionGatewayProperties properties) {
		this.publicUrl = properties.publicUrl();
	}

	@Override
	public int getOrder() {
		// before StripPrefix (the route's first filter) takes /api/<backend> off the path
		return -1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !"lb".equals(route.getUri().getScheme())) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		URI origin = this.publicUrl != null ? this.publicUrl : request.getURI();
		String prefix = (this.publicUrl != null ? trimSlash(this.publicUrl.getPath()) : "") + "/api/"
				+ route.getUri().getHost();
		ServerHttpRequest forwarded = request.mutate().headers(headers -> {
			FORWARDED.forEach(headers::remove);
			headers.set("X-Forwarded-Proto", origin.getScheme());
			headers.set("X-Forwarded-Host", origin.getHost());
			headers.set("X-Forwarded-Port", String.valueOf(port(origin)));
			headers.set("X-Forwarded-Prefix", prefix);
			if (request.getRemoteAddress() != null) {
				headers.set("X-Forwarded-For", request.getRemoteAddress().getAddress().getHostAddress());
			}
		}).build();
		return chain.filter(exchange.mutate().request(forwarded).build());
	}

	private static int port(URI uri) {
		if (uri.getPort() > 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String trimSlash(String path) {
		return path == null ? "" : path.replaceAll("/+$", "");
	}
}
