package dev.emotionmonitor.gateway.access;

import java.util.LinkedHashMap;
import java.util.Map;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@code /actuator/health} shows everything (the backends' states included) to admins and the service key, and only
 * the status to anyone else. Boot's own "when-authorized" needs Spring Security, which the gateway does not use, so
 * the answer is cut down here.
 */
@Component
class HealthStatusOnly implements WebFilter, Ordered {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 50;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		boolean trusted = caller != null && (caller.role() == Role.ADMIN || caller.role() == Role.SERVICE);
		if (trusted || !(path.equals("/actuator/health") || path.startsWith("/actuator/health/"))) {
			return chain.filter(exchange);
		}
		ServerHttpResponseDecorator statusOnly = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> {
					byte[] bytes = new byte[joined.readableByteCount()];
					joined.read(bytes);
					DataBufferUtils.release(joined);
					byte[] reduced = reduce(bytes);
					getHeaders().setContentLength(reduced.length);
					return super.writeWith(Mono.just(bufferFactory().wrap(reduced)));
				});
			}
		};
		return chain.filter(exchange.mutate().response(statusOnly).build());
	}

	private static byte[] reduce(byte[] body) {
		try {
			JsonNode health = json.readTree(body);
			Map<String, Object> reduced = new LinkedHashMap<>();
			if (health.has("status")) {
				reduced.put("status", health.get("status").asString());
			}
			return json.writeValueAsBytes(reduced);
		}
		catch (RuntimeException ex) {
			// not a health document (an error problem, say): pass it on unchanged
			return body;
		}
	}
}
