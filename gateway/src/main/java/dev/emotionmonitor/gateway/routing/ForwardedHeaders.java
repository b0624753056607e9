package dev.emotionmonitor.gateway.routing;

import java.net.URI;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells each backend the public URL it was called by: {@code X-Forwarded-Proto/Host/Port} of the gateway (or of
 * {@code emotion.gateway.public-url}) and {@code X-Forwarded-Prefix: /api/<backend>}, so the {@code Location}, paging
 * {@code Link} and OpenAPI server URLs a backend builds work through the gateway. Forwarded headers sent by the
 * caller are dropped, never passed on. (Spring Cloud Gateway's own X-Forwarded filter runs only for a configured
 * trusted proxy and then appends the caller's values; here the gateway is the edge.)
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

	private final URI publicUrl;

	ForwardedHeaders(EmotionGatewayProperties properties) {
		this.publicUrl = properties.publicUrl();
	}

	@Override
	public int getOrder() {
		// after Spring Cloud Gateway's RemoveXForwardedHeadersFilter (order 0) has dropped what the caller sent
		return 1;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		headers.remove("Forwarded");
		if (route == null || !"lb".equals(route.getUri().getScheme())) {
			return headers;
		}
		ServerHttpRequest request = exchange.getRequest();
		URI origin = this.publicUrl != null ? this.publicUrl : request.getURI();
		String prefix = (this.publicUrl != null ? trimSlash(this.publicUrl.getPath()) : "") + "/api/"
				+ route.getUri().getHost();
		headers.set("X-Forwarded-Proto", origin.getScheme());
		headers.set("X-Forwarded-Host", origin.getHost());
		headers.set("X-Forwarded-Port", String.valueOf(port(origin)));
		headers.set("X-Forwarded-Prefix", prefix);
		if (request.getRemoteAddress() != null && request.getRemoteAddress().getAddress() != null) {
			headers.set("X-Forwarded-For", request.getRemoteAddress().getAddress().getHostAddress());
		}
		return headers;
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
