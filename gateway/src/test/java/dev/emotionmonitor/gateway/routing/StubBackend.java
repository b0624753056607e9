package dev.emotionmonitor.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP backend on a loopback port that answers every request with its own name and the path it received;
 * {@code /slow} answers only after three seconds, {@code /flaky} fails every other call with 503.
 */
final class StubBackend implements AutoCloseable {

	final String name;

	final List<String> receivedPaths = new CopyOnWriteArrayList<>();

	private final AtomicInteger flakyCalls = new AtomicInteger();

	private final DisposableServer server;

	StubBackend(String name) {
		this.name = name;
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			receivedPaths.add(request.method() + " " + request.uri());
			if (request.uri().startsWith("/flaky") && flakyCalls.incrementAndGet() % 2 == 1) {
				return response.status(503).send();
			}
			String body = "{\"backend\":\"" + name + "\",\"path\":\"" + request.uri() + "\",\"status\":\"UP\"}";
			Mono<Void> reply = response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
			return request.uri().startsWith("/slow") ? Mono.delay(Duration.ofSeconds(3)).then(reply) : reply;
		}).bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + server.port();
	}

	@Override
	public void close() {
		server.disposeNow();
	}
}
