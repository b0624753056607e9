package dev.emotionmonitor.scraper.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * Speaks the classifier-service contract: {@code POST /classifications/batch {"texts": [...]}} (at most 256, none
 * empty) answers {@code {"items": [{"label", "label_ko", "scores", "model_version"}]}} in order. Scores come from
 * keywords, so they are stable per text. It counts every text it answered.
 */
public class FakeClassifier extends LoopbackServer {

	public static final String MODEL = "fake-keywords-1";

	private static final String[] IDS = { "anger", "sadness", "anxiety", "hurt", "embarrassment", "joy" };

	private static final String[] KO = { "분노", "슬픔", "불안", "상처", "당황", "기쁨" };

	private static final String[][] KEYWORDS = { { "화가", "짜증", "angry" }, { "슬펐", "우울", "속상", "sad" },
			{ "불안", "걱정", "초조", "nervous" }, { "상처", "서운", "hurt" }, { "당황", "창피", "부끄" },
			{ "기뻤", "뿌듯", "좋았", "신났", "happy", "proud" } };

	private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

	private final AtomicInteger calls = new AtomicInteger();

	@Override
	protected void handle(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/classifications/batch")) {
			send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no such resource\"}");
			return;
		}
		JsonNode texts = JSON.readTree(body(exchange)).path("texts");
		if (!texts.isArray() || texts.size() == 0 || texts.size() > 256) {
			send(exchange, 400, "application/problem+json", "{\"status\":400,\"detail\":\"texts must hold 1 to 256 texts\"}");
			return;
		}
		List<Map<String, Object>> items = new ArrayList<>();
		List<String> received = new ArrayList<>();
		for (JsonNode text : texts) {
			String value = text.asString();
			if (value.isBlank()) {
				send(exchange, 400, "application/problem+json", "{\"status\":400,\"detail\":\"text must not be empty\"}");
				return;
			}
			received.add(value);
			items.add(classify(value));
		}
		send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("items", items)));
		calls.incrementAndGet();
		received.forEach(text -> answered.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet());
	}

	public static Map<String, Object> classify(String text) {
		double[] raw = { 1, 1, 1, 1, 1, 1 };
		for (int i = 0; i < IDS.length; i++) {
			for (String keyword : KEYWORDS[i]) {
				if (text.contains(keyword)) {
					raw[i] += 6;
				}
			}
		}
		double sum = 0;
		for (double value : raw) {
			sum += value;
		}
		Map<String, Double> scores = new LinkedHashMap<>();
		int best = 0;
		for (int i = 0; i < IDS.length; i++) {
			scores.put(IDS[i], raw[i] / sum);
			if (raw[i] > raw[best]) {
				best = i;
			}
		}
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("label", IDS[best]);
		item.put("label_ko", KO[best]);
		item.put("scores", scores);
		item.put("model_version", MODEL);
		return item;
	}

	/** How many times each text was answered. */
	public Map<String, Integer> answered() {
		Map<String, Integer> copy = new LinkedHashMap<>();
		answered.forEach((text, count) -> copy.put(text, count.get()));
		return copy;
	}

	public int calls() {
		return calls.get();
	}

	public int textsAnswered() {
		return answered.values().stream().mapToInt(AtomicInteger::get).sum();
	}
}
