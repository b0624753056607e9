package dev.emotionmonitor.scraper.discordexport;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.text.MessageText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a DiscordChatExporter JSON export ({@code guild}, {@code channel}, {@code dateRange}, {@code exportedAt},
 * {@code messages[]} with string ids and offset timestamps) message by message, and checks all of it before anything
 * is stored: a bad file is refused whole with the place of the first problem.
 */
@Component
class DiscordExportReader {

	/** DiscordChatExporter's channel types of threads and forum posts. */
	static final Set<String> THREAD_TYPES = Set.of("GuildPublicThread", "GuildPrivateThread", "GuildNewsThread",
			"GuildForum");

	private final JsonMapper json = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	DiscordExport read(InputStream input, int maxMessages) {
		JsonNode guild = null;
		JsonNode channel = null;
		JsonNode dateRange = null;
		JsonNode exportedAt = null;
		List<JsonNode> raw = null;
		try (JsonParser parser = json.createParser(input)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw notAnExport("the file does not start with a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "guild" -> guild = json.readTree(parser);
					case "channel" -> channel = json.readTree(parser);
					case "dateRange" -> dateRange = json.readTree(parser);
					case "exportedAt" -> exportedAt = json.readTree(parser);
					case "messages" -> raw = readMessages(parser, value, maxMessages);
					default -> parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			throw Problems.badRequest("The file is not valid JSON: " + reason(ex)
					+ (ex.getLocation() != null && ex.getLocation().getLineNr() > 0 ? " (line "
							+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : ""));
		}
		if (channel == null || !channel.isObject() || raw == null) {
			throw notAnExport("it needs a channel object and a messages array");
		}
		String channelId = id(channel.get("id"));
		if (channelId == null) {
			throw Problems.badRequest("channel.id must be a Discord id (a string of digits)");
		}
		String guildId = guild == null ? null : id(guild.get("id"));
		String guildName = guild == null || !guild.isObject() ? null : text(guild, "name", "guild");
		String channelName = text(channel, "name", "channel");
		// a thread or forum post is its own channel; DiscordChatExporter puts its parent where a category would be
		boolean thread = THREAD_TYPES.contains(text(channel, "type", "channel"));
		String parentId = thread ? id(channel.get("categoryId")) : null;
		String parentName = parentId != null ? text(channel, "category", "channel") : null;
		Place place = new Place(guildId, guildName, channelId, channelName, parentId, parentName);
		List<ScrapedMessage> messages = new ArrayList<>(raw.size());
		for (int i = 0; i < raw.size(); i++) {
			messages.add(message(raw.get(i), i, place));
		}
		return new DiscordExport(guildId, guildName, channelId, channelName, parentId, parentName, messages,
				stretch(messages, dateRange, exportedAt));
	}

	/**
	 * The stretch of the channel the export read whole, should it hold every message of its date range (the file
	 * cannot show that: see ImportController). DiscordChatExporter writes every message after {@code dateRange.after}
	 * and before {@code dateRange.before} (comparing snowflakes, so a message in the very millisecond of a bound may
	 * be left out): the stretch runs from just after the one, else from the first message, to just before the other,
	 * else to the last message. A {@code before} later than {@code exportedAt} reaches past what existed when the
	 * export ran and counts as unset. None without messages.
	 */
	private static List<DiscordExport.Stretch> stretch(List<ScrapedMessage> messages, JsonNode dateRange,
			JsonNode exportedAt) {
		Instant after = null;
		Instant before = null;
		if (dateRange != null && !dateRange.isNull()) {
			if (!dateRange.isObject()) {
				throw Problems.badRequest("dateRange must be an object with after and before, got "
						+ describe(dateRange));
			}
			after = time(dateRange, "after", "dateRange", false);
			before = time(dateRange, "before", "dateRange", false);
			if (after != null && before != null && !after.isBefore(before)) {
				throw Problems.badRequest("dateRange.after must be earlier than dateRange.before");
			}
		}
		Instant exported = time(exportedAt, "exportedAt");
		if (messages.isEmpty()) {
			return List.of();
		}
		Instant first = messages.get(0).timestamp();
		Instant last = first;
		for (ScrapedMessage message : messages) {
			first = message.timestamp().isBefore(first) ? message.timestamp() : first;
			last = message.timestamp().isAfter(last) ? message.timestamp() : last;
		}
		Instant from = after != null && after.plusMillis(1).isBefore(first) ? after.plusMillis(1) : first;
		boolean beforeHeld = before != null && exported != null && !before.isAfter(exported);
		Instant to = beforeHeld && before.minusMillis(1).isAfter(last) ? before.minusMillis(1) : last;
		return List.of(new DiscordExport.Stretch(from, to));
	}

	private List<JsonNode> readMessages(JsonParser parser, JsonToken value, int maxMessages) {
		if (value != JsonToken.START_ARRAY) {
			throw Problems.badRequest("messages must be an array");
		}
		List<JsonNode> messages = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (messages.size() >= maxMessages) {
				throw Problems.badRequest("The export has more than " + maxMessages
						+ " messages; split it by date range (DiscordChatExporter --after/--before)");
			}
			messages.add(json.readTree(parser));
		}
		return messages;
	}

	private static ScrapedMessage message(JsonNode node, int index, Place place) {
		String where = "messages[" + index + "]";
		if (!node.isObject()) {
			throw Problems.badRequest(where + " must be an object");
		}
		String id = id(node.get("id"));
		if (id == null) {
			throw Problems.badRequest(where + ".id must be a Discord id (a string of digits), got " + node.get("id"));
		}
		JsonNode author = node.get("author");
		if (author == null || !author.isObject() || id(author.get("id")) == null) {
			throw Problems.badRequest(where + " (id " + id + ") needs author.id (a string of digits)");
		}
		Instant timestamp = time(node, "timestamp", where, true);
		Instant edited = time(node, "timestampEdited", where, false);
		String type = text(node, "type", where);
		String kind = type == null || "Default".equals(type) ? ScrapedMessage.DEFAULT
				: "Reply".equals(type) ? ScrapedMessage.REPLY : ScrapedMessage.SYSTEM;
		JsonNode reference = node.get("reference");
		String replyTo = reference != null && reference.isObject() ? id(reference.get("messageId")) : null;
		String name = text(author, "name", where + ".author");
		String nickname = text(author, "nickname", where + ".author");
		String content = text(node, "content", where);
		String raw = content == null ? "" : content;
		return new ScrapedMessage(id, place.guildId(), place.guildName(), place.channelId(), place.channelName(),
				place.parentId(), place.parentName(), id(author.get("id")), name, nickname != null ? nickname : name,
				author.path("isBot").asBoolean(false), timestamp, edited, raw,
				MessageText.normalise(raw, mentions(node.get("mentions"))), kind, replyTo);
	}

	/**
	 * The users a message mentions, by id, with the name the export shows (nickname, else user name). The exporter
	 * already writes most mentions as {@code @name}; a raw {@code <@id>} left in the content is resolved from here.
	 */
	private static MessageText.Mentions mentions(JsonNode mentions) {
		if (mentions == null || !mentions.isArray() || mentions.isEmpty()) {
			return MessageText.Mentions.NONE;
		}
		Map<String, String> users = new HashMap<>();
		for (JsonNode user : mentions) {
			String userId = user.isObject() ? id(user.get("id")) : null;
			if (userId != null) {
				String nickname = user.path("nickname").isString() ? user.get("nickname").asString() : null;
				String name = user.path("name").isString() ? user.get("name").asString() : null;
				users.put(userId, nickname != null && !nickname.isBlank() ? nickname : name);
			}
		}
		return new MessageText.Mentions(users, Map.of(), Map.of());
	}

	/** Where the export's messages were written: guild, channel and, for a thread, its parent channel. */
	private record Place(String guildId, String guildName, String channelId, String channelName, String parentId,
			String parentName) {
	}

	/** Ids are strings of digits in exports; a number would already have lost precision in some tool. */
	private static String id(JsonNode node) {
		if (node == null || !node.isString()) {
			return null;
		}
		String value = node.asString();
		return value.matches("\\d{1,20}") ? value : null;
	}

	/** A string field, or null when it is missing or null; any other JSON type is refused with its place. */
	private static String text(JsonNode node, String field, String where) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw Problems.badRequest(where + "." + field + " must be a string, got " + describe(value)
					+ "; fix it (or export again with DiscordChatExporter --format Json) and upload again");
		}
		return value.asString();
	}

	/** The JSON type in words, never the value: a detail must not echo the file's content. */
	private static String describe(JsonNode value) {
		return switch (value.getNodeType()) {
			case OBJECT -> "an object";
			case ARRAY -> "an array";
			case NUMBER -> "a number";
			case BOOLEAN -> "true or false";
			default -> "a value of another type";
		};
	}

	/**
	 * Jackson's own words without what would leak internals: the "[Source: …]" location part and messages that name
	 * Java types or reader settings.
	 */
	private static String reason(JacksonException ex) {
		String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
		int newline = message.indexOf('\n');
		message = (newline >= 0 ? message.substring(0, newline) : message).replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
			.replaceAll("\\s*\\[Source:.*$", "")
			.strip();
		if (ex instanceof StreamConstraintsException) {
			return "it is nested too deeply or has a value that is too long";
		}
		if (message.isEmpty() || message.contains("`") || message.matches("(?s).*\\b(java|javax|tools\\.jackson|com\\.fasterxml)\\..*")
				|| message.contains("JsonToken")) {
			return "it breaks off or has a syntax error";
		}
		return message;
	}

	private static Instant time(JsonNode node, String field, String where, boolean required) {
		String value = text(node, field, where);
		if (value == null || value.isBlank()) {
			if (required) {
				throw Problems.badRequest(where + "." + field + " is missing");
			}
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest(where + "." + field + " must be an ISO-8601 date-time with offset such as "
					+ "2026-11-02T09:15:00.123+09:00, got \"" + value + "\"");
		}
	}

	/** A top-level date-time such as {@code exportedAt}, or null when it is missing or null. */
	private static Instant time(JsonNode value, String field) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw Problems.badRequest(field + " must be an ISO-8601 date-time with offset, got " + describe(value));
		}
		try {
			return OffsetDateTime.parse(value.asString()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest(field + " must be an ISO-8601 date-time with offset such as "
					+ "2026-11-02T09:15:00.123+09:00");
		}
	}

	private static RuntimeException notAnExport(String why) {
		return Problems.badRequest("The file is not a DiscordChatExporter JSON export: " + why
				+ " (export with --format Json)");
	}
}
