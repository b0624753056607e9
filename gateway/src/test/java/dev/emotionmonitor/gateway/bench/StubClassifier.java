package dev.emotionmonitor.gateway.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** What the gateway benchmarks proxy to: a classifier stand-in that answers at once, and a member to call it as. */
final class StubClassifier {

	static final String SERVICE_KEY = "bench-service-key-0123456789abcdef";

	static final String TEXT = "{\"text\":\"오늘은 정말 기분이 좋아요\"}";

	static final String ANSWER = "{\"label\":\"joy\",\"label_ko\":\"기쁨\",\"scores\":{\"anger\":0.01,"
			+ "\"sadness\":0.01,\"anxiety\":0.01,\"hurt\":0.01,\"embarrassment\":0.01,\"joy\":0.95},"
			+ "\"model_version\":\"bench\"}";

	private StubClassifier() {
	}

	/** {@code POST /classifications} answered with {@link #ANSWER} on a free loopback port. */
	static DisposableServer start() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(routes -> routes.post("/classifications", (request, response) -> request.receive()
				.then(response.header("Content-Type", "application/json").sendString(Mono.just(ANSWER)).then())))
			.bindNow();
	}

	/** A new member's API key, created through the gateway's admin API with the service key. */
	static String newMemberKey(String gatewayUrl) throws Exception {
		HttpResponse<String> created = java.net.http.HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/admin/members"))
				.header("Authorization", "Bearer " + SERVICE_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"display_name\":\"bench member\",\"role\":\"member\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		Map<?, ?> body = JsonMapper.builder().build().readValue(created.body(), Map.class);
		return (String) ((Map<?, ?>) body.get("api_key")).get("key");
	}
}
