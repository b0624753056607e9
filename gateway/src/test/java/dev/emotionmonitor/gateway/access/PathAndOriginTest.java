package dev.emotionmonitor.gateway.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member may not reach the admin-only corpus routes by spelling the path another way, and a cookie session may not be
 * used from another origin (scheme, host and port all count). Requests go over a plain HTTP client so the path is sent
 * exactly as written.
 */
class PathAndOriginTest extends GatewayTest {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/api/corpus//exports/training.jsonl", "/api/corpus//imports",
			"/api/corpus/./exports/training.jsonl", "/api/corpus/%2e/exports/training.jsonl",
			"/api/corpus/%2E%2E/corpus/exports/training.jsonl", "/api/corpus/dialogues/../exports/training.jsonl",
			"/api/corpus/exports;x=1/training.jsonl", "/api/corpus;/exports/training.jsonl",
			"/api/corpus%2fexports/training.jsonl", "/api/corpus/exports%2ftraining.jsonl",
			"/api/corpus/%65xports/training.jsonl", "/API/corpus/exports/training.jsonl",
			"/api/CORPUS/exports/training.jsonl",
			"/api/corpus/exports/training.jsonl/", "/api/corpus/exports/%5c../training.jsonl" })
	void anotherSpellingOfAnAdminPathNeverReachesTheBackend(String path) throws Exception {
		NewMember member = addMember("path member " + Math.abs(path.hashCode()), "member");
		int before = backend.received.size();

		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + member.key())
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
		List<String> reached = backend.received.subList(before, backend.received.size()).stream()
			.map(received -> received.uri())
			.filter(uri -> uri.contains("exports") || uri.contains("imports"))
			.toList();
		assertThat(reached).as("what the corpus backend got for " + path).isEmpty();
		if (response.statusCode() != 404) {
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:6666", "https://127.0.0.1:PORT", "http://evil.example:PORT", "null" })
	void aSessionRefusesUnsafeCallsFromAnotherOrigin(String origin) throws Exception {
		String cookie = signIn(addMember("origin member " + Math.abs(origin.hashCode()), "member").key());

		int before = backend.received.size();
		HttpResponse<String> response = observe(cookie, origin.replace("PORT", Integer.toString(port)));

		// refused by the CORS filter (origins it knows nothing of) or by the session's own origin check
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(backend.received.subList(before, backend.received.size())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:PORT", ALLOWED_ORIGIN })
	void aSessionAcceptsItsOwnOriginAndTheConfiguredFrontEnd(String origin) throws Exception {
		String cookie = signIn(addMember("same origin " + Math.abs(origin.hashCode()), "member").key());

		assertThat(observe(cookie, origin.replace("PORT", Integer.toString(port))).statusCode()).isBetween(200, 299);
	}

	private HttpResponse<String> observe(String cookie, String origin) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/dashboard/observations"))
			.header(HttpHeaders.COOKIE, cookie)
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString("[]"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String signIn(String key) {
		return client.post()
			.uri("/api/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", key))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE)
			.split(";")[0];
	}
}
