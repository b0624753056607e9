package dev.emotionmonitor.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.caller.CallerTokens;
import dev.emotionmonitor.common.test.TestCallers;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback standing in for every backend. It speaks the classifier's documented contract on
 * {@code POST /classifications} (scores from a few Korean cue words, per sentence on request), accepts
 * {@code POST /observations} like the dashboard, serves a small page under {@code /ui/}, and answers anything else
 * with the method, path and headers it received, so tests see exactly what the gateway forwarded.
 */
public final class StubBackend implements AutoCloseable {

	public static final List<String> EMOTIONS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	private static final Map<String, String> KOREAN = Map.of("anger", "분노", "sadness", "슬픔", "anxiety", "불안", "hurt",
			"상처", "embarrassment", "당황", "joy", "기쁨");

	private static final Map<String, String> CUES = Map.of("화가", "anger", "짜증", "anger", "슬퍼", "sadness", "우울",
			"sadness", "걱정", "anxiety", "불안", "anxiety", "서운", "hurt", "당황", "embarrassment", "기뻐", "joy", "좋아",
			"joy");

	private static final JsonMapper json = JsonMapper.builder().build();

	public final List<Received> received = new CopyOnWriteArrayList<>();

	public final List<JsonNode> observations = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	public StubBackend() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + server.port();
	}

	/** The last request whose path starts with {@code prefix}. */
	public Received last(String prefix) {
		for (int i = received.size() - 1; i >= 0; i--) {
			if (received.get(i).uri().startsWith(prefix)) {
				return received.get(i);
			}
		}
		throw new AssertionError("The backend received no request for " + prefix + "; it got " + received);
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
			Map<String, String> headers = new LinkedHashMap<>();
			request.requestHeaders().forEach(entry -> headers.merge(entry.getKey().toLowerCase(), entry.getValue(),
					(a, b) -> a + "," + b));
			String uri = request.uri();
			received.add(new Received(request.method().name(), uri, headers, body));
			if (uri.startsWith("/classifications") && request.method().name().equals("POST")) {
				return send(response, 200, "application/json", classify(body));
			}
			if (uri.startsWith("/observations") && request.method().name().equals("POST")) {
				JsonNode node = json.readTree(body);
				List<JsonNode> items = new ArrayList<>();
				if (node.isArray()) {
					node.forEach(items::add);
				}
				else {
					items.add(node);
				}
				observations.addAll(items);
				return send(response, 201, "application/json", "{\"accepted\":" + items.size() + "}");
			}
			if (uri.equals("/models/active")) {
				// the classifier's answer while its starter model is active
				return send(response, 200, "application/json", "{\"active\":\"starter-2\",\"served_version\":"
						+ "\"starter-2\",\"model\":{\"version\":\"starter-2\",\"kind\":\"ngram\",\"corpus\":"
						+ "\"starter-corpus.json\",\"examples\":4200,\"accuracy\":0.75,\"macro_f1\":0.74,"
						+ "\"evaluated_n\":838,\"evaluated_on\":\"held-out groups\",\"demo\":true}}");
			}
			if (uri.startsWith("/actuator/health")) {
				return send(response, 200, "application/json", "{\"status\":\"UP\"}");
			}
			if (uri.startsWith("/ui/")) {
				return send(response, 200, "text/html;charset=utf-8",
						"<!doctype html><title>dashboard</title><p>dashboard page " + uri + "</p>");
			}
			Map<String, Object> echo = new LinkedHashMap<>();
			echo.put("method", request.method().name());
			echo.put("path", uri);
			echo.put("headers", headers);
			echo.put("body_length", body.length());
			return send(response, 200, "application/json", json.writeValueAsString(echo));
		});
	}

	private static Mono<Void> send(HttpServerResponse response, int status, String type, String body) {
		return response.status(status).header("Content-Type", type).sendString(Mono.just(body)).then();
	}

	private static String classify(String body) {
		JsonNode request = json.readTree(body);
		String text = request.path("text").asString("");
		Map<String, Object> result = scores(text);
		if (request.path("sentences").asBoolean(false)) {
			List<Map<String, Object>> sentences = new ArrayList<>();
			for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
				if (!sentence.isBlank()) {
					Map<String, Object> one = scores(sentence.strip());
					one.put("text", sentence.strip());
					one.remove("model_version");
					sentences.add(one);
				}
			}
			result.put("sentences", sentences);
		}
		return json.writeValueAsString(result);
	}

	/** Most weight on the emotion whose cue word comes first in the text; joy when none does. */
	private static Map<String, Object> scores(String text) {
		String label = "joy";
		int first = Integer.MAX_VALUE;
		for (Map.Entry<String, String> cue : CUES.entrySet()) {
			int at = text.indexOf(cue.getKey());
			if (at >= 0 && at < first) {
				first = at;
				label = cue.getValue();
			}
		}
		Map<String, Double> scores = new LinkedHashMap<>();
		for (String emotion : EMOTIONS) {
			scores.put(emotion, emotion.equals(label) ? 0.75 : 0.05);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("label", label);
		result.put("label_ko", KOREAN.get(label));
		result.put("scores", scores);
		result.put("model_version", "stub-1");
		return result;
	}

	@Override
	public void close() {
		server.disposeNow();
	}

	/** One request as the backend saw it; header names in lower case. */
	public record Received(String method, String uri, Map<String, String> headers, String body) {

		/** The caller token the gateway sent, verified as the backend {@code audience} verifies it. */
		public Jwt callerToken(String audience) {
			String authorization = headers.get("authorization");
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				throw new AssertionError("no caller token in " + headers);
			}
			return CallerTokens.decoder(TestCallers.KEY, audience).decode(authorization.substring(7)).block();
		}

		public Caller caller(String audience) {
			return CallerTokens.caller(callerToken(audience));
		}
	}
}
