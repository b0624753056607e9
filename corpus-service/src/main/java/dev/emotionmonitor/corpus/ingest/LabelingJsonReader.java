package dev.emotionmonitor.corpus.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.emotionmonitor.corpus.dialogue.Dialogue;
import dev.emotionmonitor.corpus.emotion.FineLabels;
import dev.emotionmonitor.corpus.ingest.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.corpus.ingest.ParsedRecord.RejectedRecord;

/**
 * AI Hub labeling JSON: a top-level array of {@code {"profile": …, "talk": …}} dialogues, read token by token; only
 * one dialogue is materialised at a time.
 */
final class LabelingJsonReader implements CorpusReader {

	/** Reads one dialogue at a time out of the array, so the tokens after it are expected. */
	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@Override
	public void read(Path file, ByteCounter bytes, Consumer<ParsedRecord> sink) throws IOException {
		bytes.total(Files.size(file));
		try (InputStream in = bytes.counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
				JsonParser parser = MAPPER.createParser(in)) {
			long record = 0;
			JsonToken first = next(parser, record);
			if (first == null) {
				throw new CorpusFileException("The file is empty; expected a labeling JSON array of dialogues");
			}
			if (first != JsonToken.START_ARRAY) {
				throw new CorpusFileException("Wrong structure: labeling JSON is a top-level array of dialogues, but this file starts with "
						+ describe(first));
			}
			while (true) {
				JsonToken token = next(parser, record);
				if (token == JsonToken.END_ARRAY) {
					break;
				}
				if (token == null) {
					throw malformed("the array of dialogues is not closed (truncated file?)", parser.currentLocation(),
							record);
				}
				record++;
				if (token != JsonToken.START_OBJECT) {
					parser.skipChildren();
					sink.accept(new RejectedRecord(record, null, null,
							"wrong structure: the record is " + describe(token) + ", not a dialogue object"));
					continue;
				}
				JsonNode dialogue;
				try {
					dialogue = MAPPER.readTree(parser);
				}
				catch (JacksonException ex) {
					throw malformed(ex, record, "in");
				}
				sink.accept(toRecord(record, dialogue));
			}
			if (next(parser, record) != null) {
				throw malformed("unexpected content after the closing ] of the dialogue array", parser.currentLocation(),
						record);
			}
		}
	}

	private static JsonToken next(JsonParser parser, long record) {
		try {
			return parser.nextToken();
		}
		catch (JacksonException ex) {
			throw malformed(ex, record, "after");
		}
	}

	static ParsedRecord toRecord(long record, JsonNode dialogue) {
		JsonNode profile = dialogue.path("profile");
		JsonNode talk = dialogue.path("talk");
		String talkId = text(talk.path("id").path("talk-id"));
		if (!profile.isObject() || !talk.isObject()) {
			return new RejectedRecord(record, null, talkId,
					"wrong structure: a dialogue needs a \"profile\" and a \"talk\" object");
		}
		String code = text(profile.path("emotion").path("type"));
		if (code == null) {
			return new RejectedRecord(record, null, talkId, "no emotion code (profile.emotion.type is missing)");
		}
		if (!FineLabels.isCode(code)) {
			return new RejectedRecord(record, null, talkId,
					"unknown emotion code \"" + code + "\" (expected E10–E69)");
		}
		JsonNode contentNode = talk.path("content");
		if (!contentNode.isObject()) {
			return new RejectedRecord(record, null, talkId, "wrong structure: talk.content is not an object");
		}
		Map<String, String> content = new LinkedHashMap<>();
		for (String field : Dialogue.TEXT_FIELDS) {
			String value = text(contentNode.get(field));
			if (value != null) {
				content.put(field, value);
			}
		}
		if (!content.containsKey("HS01")) {
			return new RejectedRecord(record, null, talkId, "dialogue has no HS01 (the person's first utterance is missing or empty)");
		}
		String age = null;
		String gender = null;
		for (JsonNode value : profile.path("persona").path("human")) {
			String item = text(value);
			if (item != null && item.startsWith("A")) {
				age = item;
			}
			else if (item != null && item.startsWith("G")) {
				gender = item;
			}
		}
		List<String> situation = new ArrayList<>(2);
		String disease = null;
		for (JsonNode value : profile.path("emotion").path("situation")) {
			String item = text(value);
			if (item != null && item.startsWith("D")) {
				disease = item;
			}
			else if (item != null) {
				situation.add(item);
			}
		}
		String personaId = text(profile.path("persona-id"));
		if (personaId == null) {
			personaId = text(profile.path("persona").path("persona-id"));
		}
		String profileId = text(talk.path("id").path("profile-id"));
		String group = personaId != null ? "persona:" + personaId
				: profileId != null ? "profile:" + profileId : null;
		String key = talkId != null ? "t:" + talkId : "h:" + ContentHash.of(code, content);
		if (group == null) {
			group = "dialogue:" + key.substring(2);
		}
		return new ParsedDialogue(record, null, key, talkId, profileId, personaId, age, gender, List.copyOf(situation),
				disease, code, group, content);
	}

	/** The stripped text of a scalar node; null for missing, null, blank or non-scalar nodes. */
	private static String text(JsonNode node) {
		if (node == null || !node.isValueNode() || node.isNull()) {
			return null;
		}
		String value = node.asString().strip();
		return value.isEmpty() ? null : value;
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "an object ({)";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name();
		};
	}

	private static CorpusFileException malformed(JacksonException ex, long record, String where) {
		String message = ex.getOriginalMessage();
		int newline = message == null ? -1 : message.indexOf('\n');
		if (newline > 0) {
			message = message.substring(0, newline);
		}
		return malformed(message, ex.getLocation(), record, where);
	}

	private static CorpusFileException malformed(String reason, TokenStreamLocation location, long record) {
		return malformed(reason, location, record, "after");
	}

	private static CorpusFileException malformed(String reason, TokenStreamLocation location, long record,
			String where) {
		Map<String, Object> properties = new LinkedHashMap<>();
		StringBuilder detail = new StringBuilder("Not valid JSON");
		if (location != null && location.getLineNr() > 0) {
			detail.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
			properties.put("line", location.getLineNr());
			properties.put("column", location.getColumnNr());
		}
		if (record > 0) {
			detail.append(" (").append(where).append(" dialogue ").append(record).append(')');
			properties.put("record", record);
		}
		detail.append(": ").append(reason);
		return new CorpusFileException(detail.toString(), properties);
	}
}
