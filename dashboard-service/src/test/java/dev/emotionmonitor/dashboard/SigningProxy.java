package dev.emotionmonitor.dashboard;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.TestCallers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;

/**
 * What the gateway does for a signed-in browser, reduced to its core: forwards every request to this service with a
 * caller token, so the page in Chromium reads the API as it would through the gateway; the classifier's active model
 * answers as it does while the starter (demo) model is active.
 */
final class SigningProxy implements AutoCloseable {

	private final DisposableServer server;

	SigningProxy(int servicePort, Caller caller) {
		HttpClient service = HttpClient.create().baseUrl("http://127.0.0.1:" + servicePort);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(routes -> routes.get("/api/classifier/models/active", (request, response) -> response
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.sendString(reactor.core.publisher.Mono.just("{\"active\":\"starter-2\",\"model\":"
						+ "{\"version\":\"starter-2\",\"kind\":\"ngram\",\"demo\":true}}")))
				.route(request -> true, (request, response) -> service.headers(headers -> {
				request.requestHeaders().forEach(header -> {
					if (!header.getKey().equalsIgnoreCase(HttpHeaders.HOST)) {
						headers.add(header.getKey(), header.getValue());
					}
				});
				headers.set(HttpHeaders.AUTHORIZATION, TestCallers.bearer(caller, "dashboard"));
			})
				.request(request.method())
				.uri(request.uri())
				.send(request.receive().retain())
				.response((answer, body) -> response.status(answer.status())
					.headers(answer.responseHeaders())
					.send(body.retain()))
				.then()))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}
}
