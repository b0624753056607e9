package dev.emotionmonitor.gateway.access;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.gateway.access.RouteRules.RouteRule;
import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import dev.emotionmonitor.gateway.metrics.GatewayMetrics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * After Spring Security has let a request in: the rate limit of its caller's role on its route (429 + Retry-After) and
 * the route's request size limit (413, also for chunked bodies as they stream).
 */
@Component
class RequestLimits implements WebFilter, Ordered {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private final RateLimiter limiter;

	private final EmotionGatewayProperties properties;

	private final GatewayMetrics metrics;

	RequestLimits(RateLimiter limiter, EmotionGatewayProperties properties, GatewayMetrics metrics) {
		this.metrics = metrics;
		this.limiter = limiter;
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		// Spring Security's chain runs at -100
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		RouteRule rule = exchange.getAttribute(RouteRules.RULE_ATTRIBUTE);
		if (rule == null) {
			rule = RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication());
		}
		limit(exchange, rule, exchange.getAttribute(Caller.ATTRIBUTE));
		ServerHttpRequest limited = limitBody(request, this.properties.requestSize().limitFor(rule.route()), rule.route());
		long started = System.nanoTime();
		String route = rule.route();
		return chain.filter(limited == request ? exchange : exchange.mutate().request(limited).build())
			.doFinally(signal -> this.metrics.routed(route, exchange.getResponse().getStatusCode(),
					System.nanoTime() - started));
	}

	/** Takes a token from the caller's bucket (the client address's for nobody); throws 429 when it is empty. */
	void limit(ServerWebExchange exchange, RouteRule rule, Caller caller) {
		if (!this.properties.rateLimits().enabled()) {
			return;
		}
		String role;
		String who;
		if (caller == null) {
			role = "anonymous";
			String address = ClientAddress.of(exchange.getRequest());
			who = "address:" + (address == null ? "unknown" : address);
		}
		else {
			role = caller.isExportToken() ? "export" : caller.role().id();
			who = caller.credentialId();
		}
		long retryAfter = this.limiter.tryTake(who + "|" + rule.route(),
				this.properties.rateLimits().bucketFor(role, rule.route()));
		if (retryAfter > 0) {
			this.metrics.rateLimited(role, rule.route());
			ErrorResponseException tooMany = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Rate limit of the " + role
					+ " role on route '" + rule.route() + "' reached; retry in " + retryAfter + " s");
			tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			throw tooMany;
		}
	}

	private static ServerHttpRequest limitBody(ServerHttpRequest request, DataSize limit, String route) {
		long length = request.getHeaders().getContentLength();
		long max = limit.toBytes();
		if (length > max) {
			throw tooLarge(length + " bytes", max, route);
		}
		if (length >= 0 || SAFE.contains(request.getMethod())) {
			return request;
		}
		// a body without Content-Length (chunked): count it as it streams
		return new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().map(buffer -> {
					if (seen.addAndGet(buffer.readableByteCount()) > max) {
						DataBufferUtils.release(buffer);
						throw tooLarge("more than " + max + " bytes", max, route);
					}
					return buffer;
				});
			}
		};
	}

	private static ErrorResponseException tooLarge(String size, long max, String route) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "The request body is " + size + "; route '" + route
				+ "' accepts at most " + DataSize.ofBytes(max).toKilobytes() + " KB");
	}
}
