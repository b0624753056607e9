package dev.emotionmonitor.scraper.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;

/**
 * Routes like the gateway: {@code /api/classifier/X} to the classifier's {@code /X}, {@code /api/dashboard/X} to the
 * dashboard's; a backend that does not answer gives 503 problem+json, as the gateway does.
 */
public class FakeGateway extends LoopbackServer {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final LoopbackServer classifier;

	private final LoopbackServer dashboard;

	public FakeGateway(LoopbackServer classifier, LoopbackServer dashboard) {
		this.classifier = classifier;
		this.dashboard = dashboard;
	}

	@Override
	protected void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		LoopbackServer backend = path.startsWith("/api/classifier/") ? classifier
				: path.startsWith("/api/dashboard/") ? dashboard : null;
		if (backend == null) {
			send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no route\"}");
			return;
		}
		String target = path.substring(path.indexOf('/', "/api/".length()));
		HttpRequest request = HttpRequest.newBuilder(URI.create(backend.url() + target))
			.header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
			.timeout(Duration.ofSeconds(10))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofString(body(exchange)))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
			send(exchange, response.statusCode(),
					response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
		}
		catch (ConnectException ex) {
			send(exchange, 503, "application/problem+json",
					"{\"status\":503,\"detail\":\"Service unavailable: " + target + "\"}");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			send(exchange, 503, "application/problem+json", "{\"status\":503,\"detail\":\"interrupted\"}");
		}
		catch (IOException ex) {
			send(exchange, 502, "application/problem+json", "{\"status\":502,\"detail\":\"bad gateway\"}");
		}
	}
}
