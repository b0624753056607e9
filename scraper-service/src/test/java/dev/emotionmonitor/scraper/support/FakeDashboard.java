package dev.emotionmonitor.scraper.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * Speaks the dashboard-service contract for {@code POST /observations} (one object or an array, idempotent on
 * source + message_id + section) and {@code POST /observations/withdrawals} ({@code {"items": [{"source",
 * "message_id"}]}}, at most 1000, idempotent: every observation of those messages, all sections, leaves; answers
 * {@code {"withdrawn", "messages"}}). It keeps every observation, counts how often each key was posted (so a test
 * sees any duplicate send even though the real service would absorb it) and logs every call in order
 * ({@link #events()}). {@link #failNext} makes it answer 503.
 */
public class FakeDashboard extends LoopbackServer {

	private static final List<String> REQUIRED = List.of("source", "message_id", "section", "member_id", "member_name",
			"channel", "at", "scores", "label", "model_version");

	private final Map<String, JsonNode> observations = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> posted = new ConcurrentHashMap<>();

	private final List<String> refused = new CopyOnWriteArrayList<>();

	private final AtomicInteger failNext = new AtomicInteger();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final AtomicInteger calls = new AtomicInteger();

	@Override
	protected void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		boolean withdrawal = path.equals("/observations/withdrawals");
		if (!"POST".equals(exchange.getRequestMethod()) || !(path.equals("/observations") || withdrawal)) {
			send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no such resource\"}");
			return;
		}
		if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			exchange.getResponseHeaders().set("Retry-After", "0");
			send(exchange, 503, "application/problem+json", "{\"status\":503,\"detail\":\"busy\"}");
			calls.incrementAndGet();
			return;
		}
		calls.incrementAndGet();
		if (withdrawal) {
			withdraw(exchange);
			return;
		}
		JsonNode body = JSON.readTree(body(exchange));
		List<JsonNode> items = body.isArray() ? List.copyOf(body.valueStream().toList()) : List.of(body);
		for (JsonNode item : items) {
			for (String field : REQUIRED) {
				if (item.path(field).isMissingNode() || item.path(field).isNull()) {
					refused.add(field);
					send(exchange, 400, "application/problem+json",
							"{\"status\":400,\"detail\":\"" + field + " is required\"}");
					return;
				}
			}
		}
		for (JsonNode item : items) {
			String key = key(item.path("source").asString(), item.path("message_id").asString(),
					item.path("section").asString());
			observations.put(key, item);
			posted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
			events.add("observe|" + key);
		}
		send(exchange, 200, "application/json", "{\"accepted\":" + items.size() + "}");
	}

	private void withdraw(HttpExchange exchange) throws IOException {
		JsonNode items = JSON.readTree(body(exchange)).path("items");
		if (!items.isArray() || items.size() > 1000) {
			send(exchange, 400, "application/problem+json", "{\"status\":400,\"detail\":\"items: 0 to 1000\"}");
			return;
		}
		for (JsonNode item : items) {
			if (!item.path("source").isString() || !item.path("message_id").isString()) {
				refused.add("withdrawal");
				send(exchange, 400, "application/problem+json",
						"{\"status\":400,\"detail\":\"source and message_id are required\"}");
				return;
			}
		}
		int withdrawn = 0;
		int messages = 0;
		for (JsonNode item : items) {
			String prefix = item.path("source").asString() + "|" + item.path("message_id").asString() + "|";
			List<String> keys = observations.keySet().stream().filter(key -> key.startsWith(prefix)).toList();
			keys.forEach(observations::remove);
			withdrawn += keys.size();
			messages += keys.isEmpty() ? 0 : 1;
			events.add("withdraw|" + prefix.substring(0, prefix.length() - 1));
		}
		send(exchange, 200, "application/json", "{\"withdrawn\":" + withdrawn + ",\"messages\":" + messages + "}");
	}

	/** Every call in order: {@code observe|source|message_id|section} and {@code withdraw|source|message_id}. */
	public List<String> events() {
		return events;
	}

	/** Requests that reached it, answered or refused with 503. */
	public int calls() {
		return calls.get();
	}

	public static String key(String source, String messageId, String section) {
		return source + "|" + messageId + "|" + section;
	}

	public Map<String, JsonNode> observations() {
		return observations;
	}

	public Map<String, AtomicInteger> posted() {
		return posted;
	}

	public List<String> refused() {
		return refused;
	}

	public void failNext(int count) {
		failNext.set(count);
	}
}
