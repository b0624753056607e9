package dev.emotionmonitor.scraper.support;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

/**
 * Behaves like Discord's REST API for what the scraper uses: {@code GET /channels/{id}} and
 * {@code GET /channels/{id}/messages} with {@code limit} (≤ 100), {@code before} and {@code after} (answers newest
 * first), bot-token auth, a per-route rate-limit bucket with {@code X-RateLimit-*} headers, 429 answers with
 * {@code retry_after} when the bucket is overrun (or when a test asks for one), and channels whose messages come back
 * with empty content, as they do for a bot without the MESSAGE_CONTENT intent. Messages can be edited (new content
 * and {@code edited_timestamp}) and deleted (gone from every page), and a channel can be closed to the bot
 * (403 {@code Missing Access}, code 50001, as Discord answers without View Channel / Read Message History).
 */
public class FakeDiscord extends LoopbackServer {

	public static final String TOKEN = "test-bot-token";

	public static final String GUILD_ID = "700000000000000001";

	private final Map<String, List<Map<String, Object>>> channels = new ConcurrentHashMap<>();

	private final Set<String> withoutContentIntent = ConcurrentHashMap.newKeySet();

	private final Set<String> withoutAccess = ConcurrentHashMap.newKeySet();

	private final Map<String, Map<String, Object>> channelInfo = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> roles = new CopyOnWriteArrayList<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger violations = new AtomicInteger();

	private final AtomicInteger limited = new AtomicInteger();

	private final Set<Integer> forced429 = ConcurrentHashMap.newKeySet();

	private final int bucketSize;

	private final long windowMillis;

	private int remaining;

	private long resetAt;

	public FakeDiscord(int bucketSize, long windowMillis) {
		this.bucketSize = bucketSize;
		this.windowMillis = windowMillis;
		this.remaining = bucketSize;
	}

	/** Adds {@code count} messages to a channel, one every ten minutes from {@code from}. */
	public List<Map<String, Object>> addMessages(String channelId, int count, Instant from) {
		List<Map<String, Object>> messages = channels.computeIfAbsent(channelId, id -> new CopyOnWriteArrayList<>());
		List<Map<String, Object>> added = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant at = from.plusSeconds(600L * i);
			int n = messages.size();
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("id", ExportFixture.snowflake(at, n));
			message.put("type", n % 30 == 29 ? 7 : n % 9 == 4 ? 19 : 0);
			message.put("channel_id", channelId);
			Map<String, Object> author = new LinkedHashMap<>();
			author.put("id", "50000000000000000" + (n % 5));
			author.put("username", "user" + (n % 5));
			author.put("global_name", n % 5 == 4 ? null : "사용자" + (n % 5));
			author.put("discriminator", "0");
			if (n % 20 == 10) {
				author.put("bot", true);
			}
			message.put("author", author);
			message.put("content", n % 7 == 3 ? ExportFixture.reflection(n) : "메시지 " + n + " 오늘도 화이팅");
			message.put("timestamp", at.toString().replace("Z", "+00:00"));
			message.put("edited_timestamp", n % 11 == 5 ? at.plusSeconds(60).toString().replace("Z", "+00:00") : null);
			message.put("attachments", List.of());
			message.put("embeds", List.of());
			message.put("mentions", List.of());
			if (n % 9 == 4 && n > 0) {
				message.put("message_reference", Map.of("message_id", messages.get(n - 1).get("id"), "channel_id",
						channelId, "guild_id", GUILD_ID));
			}
			messages.add(message);
			added.add(message);
		}
		return added;
	}

	/** Adds messages exactly as given (ids, content, mentions …) to a channel. */
	public void addRaw(String channelId, List<Map<String, Object>> raw) {
		channels.computeIfAbsent(channelId, id -> new CopyOnWriteArrayList<>()).addAll(raw);
	}

	/** What {@code GET /channels/{id}} answers for a channel (type, name, parent_id …) instead of a text channel. */
	public void channelInfo(String channelId, Map<String, Object> info) {
		channelInfo.put(channelId, info);
		channels.computeIfAbsent(channelId, id -> new CopyOnWriteArrayList<>());
	}

	/** The roles {@code GET /guilds/{GUILD_ID}/roles} answers. */
	public void roles(List<Map<String, Object>> guildRoles) {
		roles.clear();
		roles.addAll(guildRoles);
	}

	/** Edits a message as its author would: new content, {@code edited_timestamp} now. */
	public synchronized void edit(String channelId, String messageId, String content) {
		Map<String, Object> message = channels.get(channelId).stream()
			.filter(m -> m.get("id").equals(messageId))
			.findFirst()
			.orElseThrow();
		message.put("content", content);
		message.put("edited_timestamp", Instant.now().toString().replace("Z", "+00:00"));
	}

	/** Deletes a message: no page returns it any more. */
	public synchronized void delete(String channelId, String messageId) {
		channels.get(channelId).removeIf(m -> m.get("id").equals(messageId));
	}

	/** The bot may no longer read the channel (its role lost View Channel / Read Message History). */
	public void withoutAccess(String channelId) {
		withoutAccess.add(channelId);
	}

	public void withoutContentIntent(String channelId) {
		withoutContentIntent.add(channelId);
	}

	/** The n-th request (counting from 1) is answered 429 whatever the bucket says. */
	public void force429(int request) {
		forced429.add(request);
	}

	public List<String> requests() {
		return requests;
	}

	/** Requests sent while the bucket was empty, before its reset: a client ignoring the headers. */
	public int violations() {
		return violations.get();
	}

	public int limited() {
		return limited.get();
	}

	@Override
	protected synchronized void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String query = exchange.getRequestURI().getQuery();
		requests.add(path + (query == null ? "" : "?" + query));
		int number = requests.size();
		if (!("Bot " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "application/json", "{\"message\": \"401: Unauthorized\", \"code\": 0}");
			return;
		}
		long now = System.currentTimeMillis();
		if (now >= resetAt) {
			remaining = bucketSize;
			resetAt = now + windowMillis;
		}
		if (forced429.contains(number) || remaining == 0) {
			if (!forced429.contains(number)) {
				violations.incrementAndGet();
			}
			limited.incrementAndGet();
			double retryAfter = Math.max(0.05, (resetAt - now) / 1000.0);
			exchange.getResponseHeaders().set("Retry-After", Long.toString((long) Math.ceil(retryAfter)));
			exchange.getResponseHeaders().set("X-RateLimit-Scope", "user");
			send(exchange, 429, "application/json", "{\"message\": \"You are being rate limited.\", \"retry_after\": "
					+ retryAfter + ", \"global\": false}");
			return;
		}
		remaining--;
		exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(bucketSize));
		exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(remaining));
		exchange.getResponseHeaders().set("X-RateLimit-Reset-After", String.format("%.3f", (resetAt - now) / 1000.0));
		exchange.getResponseHeaders().set("X-RateLimit-Bucket", "messages-bucket");
		String[] parts = path.split("/");
		if (path.equals("/guilds/" + GUILD_ID + "/roles") && !roles.isEmpty()) {
			send(exchange, 200, "application/json", JSON.writeValueAsString(roles));
			return;
		}
		if (parts.length < 3 || !parts[1].equals("channels") || !channels.containsKey(parts[2])) {
			send(exchange, 404, "application/json", "{\"message\": \"Unknown Channel\", \"code\": 10003}");
			return;
		}
		String channelId = parts[2];
		if (withoutAccess.contains(channelId)) {
			send(exchange, 403, "application/json", "{\"message\": \"Missing Access\", \"code\": 50001}");
			return;
		}
		if (parts.length == 3 && channelInfo.containsKey(channelId)) {
			send(exchange, 200, "application/json", JSON.writeValueAsString(channelInfo.get(channelId)));
			return;
		}
		if (parts.length == 3) {
			send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("id", channelId, "type", 0,
					"guild_id", GUILD_ID, "name", "회고-" + channelId.substring(channelId.length() - 2))));
			return;
		}
		Map<String, String> params = params(query);
		int limit = Math.min(100, Integer.parseInt(params.getOrDefault("limit", "50")));
		List<Map<String, Object>> all = new ArrayList<>(channels.get(channelId));
		Comparator<Map<String, Object>> byId = Comparator.comparing(m -> new BigInteger((String) m.get("id")));
		List<Map<String, Object>> page;
		if (params.containsKey("after")) {
			BigInteger after = new BigInteger(params.get("after"));
			page = all.stream()
				.filter(m -> new BigInteger((String) m.get("id")).compareTo(after) > 0)
				.sorted(byId)
				.limit(limit)
				.sorted(byId.reversed())
				.toList();
		}
		else {
			BigInteger before = params.containsKey("before") ? new BigInteger(params.get("before")) : null;
			page = all.stream()
				.filter(m -> before == null || new BigInteger((String) m.get("id")).compareTo(before) < 0)
				.sorted(byId.reversed())
				.limit(limit)
				.toList();
		}
		if (withoutContentIntent.contains(channelId)) {
			page = page.stream().map(m -> {
				Map<String, Object> copy = new LinkedHashMap<>(m);
				copy.put("content", "");
				return copy;
			}).toList();
		}
		send(exchange, 200, "application/json", JSON.writeValueAsString(page));
	}

	private static Map<String, String> params(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				params.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return params;
	}
}
