package dev.emotionmonitor.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.caller.Role;
import dev.emotionmonitor.common.test.TestCallers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole service over real HTTP on the embedded store (in memory). Every test class shares this one context, so
 * each keeps to its own channels and its own year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.dashboard.exports.row-cap=1000", "emotion.dashboard.exports.max-age=120s" })
@AutoConfigureWebTestClient(timeout = "PT60S")
public abstract class ApiTestSupport {

	@Autowired
	protected WebTestClient client;

	/** An observation whose top score (0.75) is {@code label}; the other five get 0.05 each. */
	public static Map<String, Object> observation(String source, String messageId, String memberId, String memberName,
			String channel, String at, String label) {
		Map<String, Object> observation = new LinkedHashMap<>();
		observation.put("source", source);
		observation.put("message_id", messageId);
		observation.put("section", "feeling");
		observation.put("member_id", memberId);
		observation.put("member_name", memberName);
		observation.put("channel", channel);
		observation.put("at", at);
		observation.put("scores", scores(label));
		observation.put("label", label);
		observation.put("model_version", "test-1");
		return observation;
	}

	public static Map<String, Double> scores(String label) {
		Map<String, Double> scores = new LinkedHashMap<>();
		for (String emotion : List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy")) {
			scores.put(emotion, emotion.equals(label) ? 0.75 : 0.05);
		}
		return scores;
	}

	/** {@code Bearer <caller token>} as the gateway would send it; {@code identities} comma-separated. */
	protected static String bearer(String role, String memberId, String name, String identities) {
		List<String> ids = identities == null || identities.isBlank() ? List.of() : List.of(identities.split(","));
		return TestCallers.bearer(new Caller(memberId, name, Role.ofId(role).orElseThrow(), ids), "dashboard");
	}

	protected WebTestClient.ResponseSpec post(Object body) {
		return this.client.post().uri("/observations").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	protected void store(List<Map<String, Object>> observations) {
		long start = System.nanoTime();
		post(observations).expectStatus().isOk();
		System.out.println("stored " + observations.size() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
	}
}
