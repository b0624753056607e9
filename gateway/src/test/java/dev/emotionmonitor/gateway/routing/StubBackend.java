package dev.emotionmonitor.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP backend on a loopback port that answers every request with its own name and the path it received,
 * and {@code /slow} only after three seconds.
 */
final class StubBackend implements AutoCloseable {

	final String name;

	final List<String> receivedPaths = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	StubBackend(String name) {
		this.name = name;
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			receivedPaths.add(request.uri());
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
