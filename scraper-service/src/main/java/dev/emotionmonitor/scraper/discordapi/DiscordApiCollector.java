package dev.emotionmonitor.scraper.discordapi;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.run.ChannelCollector;
import dev.emotionmonitor.scraper.run.RunProgress;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import dev.emotionmonitor.scraper.text.MessageText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a channel with a bot token through {@code GET /channels/{id}/messages}: the first run pages back from the
 * newest message ({@code before}) to the beginning or the source's {@code since}; later runs page forward from the
 * last stored message ({@code after}). It waits when {@code X-RateLimit-Remaining} reaches 0 and on 429 answers, and
 * refuses a channel whose messages all come back with empty content: the bot lacks the MESSAGE_CONTENT intent.
 */
@Component
class DiscordApiCollector implements ChannelCollector {

	private static final Logger log = LoggerFactory.getLogger(DiscordApiCollector.class);

	/** A snowflake's time is {@code (id >> 22) + 1420070400000} ms. */
	private static final long DISCORD_EPOCH_MILLIS = 1420070400000L;

	/** Discord's channel types of threads: announcement thread (10), public thread (11, forum posts too), private (12). */
	private static final Set<Integer> THREAD_TYPES = Set.of(10, 11, 12);

	private static final Pattern CHANNEL_MENTION = Pattern.compile("<#(\\d{1,20})>");

	private final ScraperProperties.Discord settings;

	private final Sources sources;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	DiscordApiCollector(ScraperProperties properties, Sources sources) {
		this.settings = properties.discord();
		this.sources = sources;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	@Override
	public String kind() {
		return Source.DISCORD_API;
	}

	@Override
	public void collect(RunProgress progress) throws IOException, InterruptedException {
		if (settings.botToken() == null || settings.botToken().isBlank()) {
			throw new IllegalStateException("No Discord bot token is configured: set DISCORD_BOT_TOKEN "
					+ "(emotion.scraper.discord.bot-token) to a bot that can read the channel");
		}
		Source source = progress.source();
		JsonNode channel = get("/channels/" + source.channelId());
		String channelName = text(channel, "name");
		String guildId = text(channel, "guild_id");
		progress.await(sources.recordChannel(source.id(), guildId, channelName), "Recording the channel's name");
		// a thread (public, private, announcement; forum posts are public threads) is read by its own id and names
		// its parent channel, so the dashboard shows it under that channel
		String parentId = THREAD_TYPES.contains(channel.path("type").asInt(-1)) ? text(channel, "parent_id") : null;
		Channel target = new Channel(guildId != null ? guildId : source.guildId(), source.guildName(),
				source.channelId(), channelName != null ? channelName : source.channelName(), parentId,
				parentId == null ? null : channelName(parentId));
		Names names = new Names(target);

		boolean forward = source.lastMessageId() != null;
		String cursor = source.lastMessageId();
		BigInteger newest = cursor == null ? null : new BigInteger(cursor);
		// later runs re-read the recent window with the same forward sweep, so edits and deletions in it are seen
		Instant sweepStart = Instant.now();
		Instant windowStart = forward ? rereadFrom(source, sweepStart) : null;
		if (windowStart != null && snowflakeBefore(windowStart).compareTo(newest) < 0) {
			cursor = snowflakeBefore(windowStart).toString();
		}
		else {
			windowStart = null;
		}
		boolean contentSeen = false;
		int limit = Math.min(100, Math.max(1, settings.pageSize()));
		while (true) {
			String query = "?limit=" + limit + (cursor == null ? "" : (forward ? "&after=" : "&before=") + cursor);
			JsonNode page = get("/channels/" + source.channelId() + "/messages" + query);
			if (!page.isArray() || page.isEmpty()) {
				break;
			}
			List<ScrapedMessage> messages = new ArrayList<>();
			boolean reachedSince = false;
			for (JsonNode node : page) {
				ScrapedMessage message = message(node, target, names);
				if (source.since() != null && message.timestamp().isBefore(source.since())) {
					reachedSince = true;
					continue;
				}
				messages.add(message);
			}
			if (!contentSeen) {
				contentSeen = checkContent(page);
			}
			messages.sort(Comparator.comparing(m -> new BigInteger(m.messageId())));
			progress.store(messages);
			for (JsonNode node : page) {
				BigInteger id = new BigInteger(node.get("id").asString());
				newest = newest == null || id.compareTo(newest) > 0 ? id : newest;
			}
			cursor = forward ? newest.toString() : oldest(page);
			if (page.size() < limit || (reachedSince && !forward)) {
				break;
			}
		}
		if (newest != null) {
			progress.await(sources.recordLastMessage(source.id(), newest.toString()), "Recording the newest message read");
		}
		if (windowStart != null) {
			// the sweep read the window whole: a stored message of it that Discord no longer returns was deleted
			progress.covered(source.channelId(), windowStart, sweepStart);
		}
	}

	/** The start of the window a later run re-reads ({@code reread-window}, not before {@code since}); null for none. */
	private Instant rereadFrom(Source source, Instant now) {
		Duration window = settings.rereadWindow();
		if (window == null || window.isZero() || window.isNegative()) {
			return null;
		}
		Instant from = now.minus(window);
		return source.since() != null && source.since().isAfter(from) ? source.since() : from;
	}

	/** The largest snowflake before any message sent at {@code time}: {@code after} it returns them all. */
	private static BigInteger snowflakeBefore(Instant time) {
		return BigInteger.valueOf(Math.max(0, time.toEpochMilli() - DISCORD_EPOCH_MILLIS)).shiftLeft(22)
			.subtract(BigInteger.ONE)
			.max(BigInteger.ZERO);
	}

	/**
	 * Without the MESSAGE_CONTENT privileged intent Discord still answers, with every {@code content} empty. A page of
	 * human messages that are all empty (no attachments or embeds either) before any content was seen means exactly
	 * that; storing it would classify nothing, so the run stops with what to fix.
	 */
	private static boolean checkContent(JsonNode page) {
		int human = 0;
		int withContent = 0;
		for (JsonNode node : page) {
			int type = node.path("type").asInt(0);
			if ((type == 0 || type == 19) && !node.path("author").path("bot").asBoolean(false)) {
				human++;
				if (!node.path("content").asString("").isEmpty() || !node.path("attachments").isEmpty()
						|| !node.path("embeds").isEmpty() || !node.path("sticker_items").isEmpty()) {
					withContent++;
				}
			}
		}
		if (human > 0 && withContent == 0) {
			throw new IllegalStateException("Discord returned " + human + " messages with empty content: the bot "
					+ "lacks the MESSAGE_CONTENT privileged intent. Enable \"Message Content Intent\" for the bot in "
					+ "the Discord Developer Portal (Bot → Privileged Gateway Intents) and run the source again; "
					+ "nothing was stored from this page.");
		}
		return withContent > 0;
	}

	private static String oldest(JsonNode page) {
		BigInteger oldest = null;
		for (JsonNode node : page) {
			BigInteger id = new BigInteger(node.get("id").asString());
			oldest = oldest == null || id.compareTo(oldest) < 0 ? id : oldest;
		}
		return oldest.toString();
	}

	private ScrapedMessage message(JsonNode node, Channel channel, Names names) {
		int type = node.path("type").asInt(0);
		JsonNode author = node.path("author");
		String username = text(author, "username");
		String globalName = text(author, "global_name");
		String nick = text(node.path("member"), "nick");
		String edited = text(node, "edited_timestamp");
		String content = node.path("content").asString("");
		return new ScrapedMessage(node.get("id").asString(), channel.guildId(), channel.guildName(), channel.id(),
				channel.name(), channel.parentId(), channel.parentName(), text(author, "id"), username,
				nick != null ? nick : globalName != null ? globalName : username, author.path("bot").asBoolean(false),
				OffsetDateTime.parse(node.get("timestamp").asString()).toInstant(),
				edited == null ? null : OffsetDateTime.parse(edited).toInstant(), content,
				MessageText.normalise(content, names.of(node, content)),
				type == 0 ? ScrapedMessage.DEFAULT : type == 19 ? ScrapedMessage.REPLY : ScrapedMessage.SYSTEM,
				text(node.path("message_reference"), "message_id"));
	}

	/** A channel's name, or null when the bot may not read it: a name is a nicety, never a reason to fail a run. */
	private String channelName(String channelId) {
		try {
			return text(get("/channels/" + channelId), "name");
		}
		catch (IllegalStateException | IOException ex) {
			log.info("Channel {} could not be read for its name: {}", channelId, ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * The names a message's mentions are written with. Users come with the message ({@code mentions}, with their
	 * server nickname in {@code member.nick}); roles come as ids only ({@code mention_roles}) and channels only for
	 * cross-posts ({@code mention_channels}), so the guild's roles and an unknown channel are asked for once per run,
	 * and only when a message mentions one.
	 */
	private final class Names {

		private final String guildId;

		private Map<String, String> roles;

		private final Map<String, String> channels = new HashMap<>();

		Names(Channel channel) {
			this.guildId = channel.guildId();
			channels.put(channel.id(), Objects.requireNonNullElse(channel.name(), ""));
			if (channel.parentId() != null) {
				channels.put(channel.parentId(), Objects.requireNonNullElse(channel.parentName(), ""));
			}
		}

		MessageText.Mentions of(JsonNode node, String content) {
			Map<String, String> users = new HashMap<>();
			for (JsonNode user : node.path("mentions")) {
				String nick = text(user.path("member"), "nick");
				String global = text(user, "global_name");
				String id = text(user, "id");
				if (id != null) {
					users.put(id, nick != null ? nick : global != null ? global : text(user, "username"));
				}
			}
			for (JsonNode channel : node.path("mention_channels")) {
				String id = text(channel, "id");
				if (id != null && text(channel, "name") != null) {
					channels.put(id, text(channel, "name"));
				}
			}
			Matcher ids = CHANNEL_MENTION.matcher(content);
			while (ids.find()) {
				// an unreadable channel is asked for once: "" marks it unknown
				channels.computeIfAbsent(ids.group(1), id -> Objects.requireNonNullElse(channelName(id), ""));
			}
			Map<String, String> knownChannels = new HashMap<>();
			channels.forEach((id, name) -> {
				if (!name.isEmpty()) {
					knownChannels.put(id, name);
				}
			});
			boolean mentionsRole = node.path("mention_roles").size() > 0 || content.contains("<@&");
			return new MessageText.Mentions(users, mentionsRole ? roles() : Map.of(), knownChannels);
		}

		private Map<String, String> roles() {
			if (roles == null) {
				roles = new HashMap<>();
				if (guildId != null) {
					try {
						for (JsonNode role : get("/guilds/" + guildId + "/roles")) {
							if (text(role, "id") != null && text(role, "name") != null) {
								roles.put(text(role, "id"), text(role, "name"));
							}
						}
					}
					catch (IllegalStateException | IOException ex) {
						log.info("The roles of guild {} could not be read: {}", guildId, ex.getMessage());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
			return roles;
		}
	}

	/** One GET, waiting as the rate-limit headers and 429 answers ask. */
	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + path))
			.header("Authorization", "Bot " + settings.botToken())
			.header("User-Agent", "DiscordBot (https://github.com/emotion-monitor, 0.1) emotion-monitor-scraper")
			.timeout(settings.timeout())
			.GET()
			.build();
		for (int limited = 0;; limited++) {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status == 429) {
				if (limited >= settings.max429()) {
					throw new IllegalStateException("Discord kept answering 429 Too Many Requests for " + path + " ("
							+ limited + " times); try the source again later");
				}
				Duration wait = retryAfter(response);
				log.info("Discord rate limit on {}: waiting {} ms", path, wait.toMillis());
				Thread.sleep(wait.toMillis());
				continue;
			}
			if (status == 401) {
				throw new IllegalStateException("Discord refused the bot token (401 Unauthorized): check DISCORD_BOT_TOKEN");
			}
			if (status == 403) {
				throw new IllegalStateException("The bot may not read channel " + path.split("/")[2]
						+ " (403 Missing Access): invite it to the server and allow View Channel and Read Message History");
			}
			if (status == 404) {
				throw new IllegalStateException("Discord knows no channel " + path.split("/")[2] + " (404)");
			}
			if (status >= 400) {
				throw new IllegalStateException("Discord answered " + status + " for " + path + ": "
						+ response.body().substring(0, Math.min(300, response.body().length())));
			}
			waitIfExhausted(response);
			return json.readTree(response.body());
		}
	}

	private static void waitIfExhausted(HttpResponse<?> response) throws InterruptedException {
		String remaining = response.headers().firstValue("X-RateLimit-Remaining").orElse(null);
		String resetAfter = response.headers().firstValue("X-RateLimit-Reset-After").orElse(null);
		if ("0".equals(remaining) && resetAfter != null) {
			Thread.sleep(seconds(resetAfter).toMillis());
		}
	}

	private Duration retryAfter(HttpResponse<String> response) {
		try {
			JsonNode body = json.readTree(response.body());
			if (body.has("retry_after")) {
				return seconds(body.get("retry_after").asString());
			}
		}
		catch (RuntimeException ex) {
			// fall back to the header
		}
		return response.headers().firstValue("Retry-After").map(DiscordApiCollector::seconds).orElse(Duration.ofSeconds(1));
	}

	private static Duration seconds(String value) {
		return Duration.ofMillis((long) Math.ceil(Double.parseDouble(value.trim()) * 1000));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
	}

	private record Channel(String guildId, String guildName, String id, String name, String parentId,
			String parentName) {
	}
}
