package dev.emotionmonitor.gateway.apilog;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.emotionmonitor.gateway.access.ClientAddress;
import dev.emotionmonitor.gateway.access.RouteRules;
import dev.emotionmonitor.gateway.access.Caller;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records every request, refused ones included: the outermost filter, it counts the bytes both ways and, once the
 * answer is written, hands one entry to the {@link ApiLogWriter} (which never blocks). Errors raised further in are
 * rendered here by the application's exception handlers, so the entry carries the status the client really got.
 */
@Component
class ApiLogFilter implements WebFilter, Ordered {

	private final ApiLogWriter writer;

	private final List<WebExceptionHandler> errorHandlers;

	ApiLogFilter(ApiLogWriter writer, ObjectProvider<WebExceptionHandler> errorHandlers) {
		this.writer = writer;
		this.errorHandlers = errorHandlers.orderedStream().toList();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		Instant at = Instant.now();
		AtomicLong bytesIn = new AtomicLong();
		AtomicLong bytesOut = new AtomicLong();
		ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnNext(buffer -> bytesIn.addAndGet(buffer.readableByteCount()));
			}
		};
		ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				return super.writeWith(Flux.from(body).doOnNext(buffer -> bytesOut.addAndGet(buffer.readableByteCount())));
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				return super.writeAndFlushWith(Flux.from(body)
					.map(part -> Flux.from(part).doOnNext(buffer -> bytesOut.addAndGet(buffer.readableByteCount()))));
			}
		};
		ServerWebExchange logged = exchange.mutate().request(request).response(response).build();
		Mono<Void> handled = chain.filter(logged);
		for (WebExceptionHandler handler : errorHandlers) {
			handled = handled.onErrorResume(error -> handler.handle(logged, error));
		}
		return handled.doFinally(signal -> writer.add(entry(logged, at, start, bytesIn.get(), bytesOut.get(),
				signal == reactor.core.publisher.SignalType.CANCEL)));
	}

	private static ApiLogEntry entry(ServerWebExchange exchange, Instant at, long start, long countedIn,
			long countedOut, boolean cancelled) {
		ServerHttpRequest request = exchange.getRequest();
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String routeId = route != null ? route.getId() : exchange.getAttribute(RouteRules.ROUTE_ATTRIBUTE);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		// 499: the client went away before the answer was complete (nginx's convention)
		int code = cancelled ? 499 : status == null ? 200 : status.value();
		long declaredIn = request.getHeaders().getContentLength();
		long out = countedOut > 0 ? countedOut : Math.max(0, exchange.getResponse().getHeaders().getContentLength());
		return new ApiLogEntry(null, at, caller == null ? null : caller.memberId(),
				caller == null ? null : caller.displayName(), caller == null ? "anonymous" : caller.role().id(),
				caller == null ? null : caller.credentialId(), request.getMethod().name(), routeId,
				request.getPath().value(), code, Math.round((System.nanoTime() - start) / 10_000.0) / 100.0,
				declaredIn >= 0 ? declaredIn : countedIn, out, ClientAddress.of(request));
	}
}
