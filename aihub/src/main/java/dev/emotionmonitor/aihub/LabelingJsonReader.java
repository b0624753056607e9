package dev.emotionmonitor.aihub;

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
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.emotionmonitor.aihub.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.aihub.ParsedRecord.RejectedRecord;
import dev.emotionmonitor.common.emotion.FineLabels;

/**
 * AI Hub labeling JSON: a top-level array of {@code {"profile": …, "talk": …}} dialogues, read one dialogue at a time
 * with Jackson's {@link MappingIterator}; only the current dialogue is held, never the whole file.
 */
public final class LabelingJsonReader implements CorpusReader {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private static final ObjectReader DIALOGUE = MAPPER.readerFor(JsonNode.class);

	@Override
	public void read(Path file, ByteCounter bytes, Consumer<ParsedRecord> sink) throws IOException {
		bytes.total(Files.size(file));
		try (InputStream in = bytes.counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
				JsonParser parser = MAPPER.createParser(in)) {
			JsonToken first = next(parser, 0);
			if (first == null) {
				throw new CorpusFileException("The file is empty; expected a labeling JSON array of dialogues");
			}
			if (first != JsonToken.START_ARRAY) {
				throw new CorpusFileException("Wrong structure: labeling JSON is a top-level array of dialogues, but this file starts with "
						+ describe(first));
			}
			// inside the array with no current token: the iterator yields the array's elements, one at a time
			parser.clearCurrentToken();
			long record = 0;
			try (MappingIterator<JsonNode> dialogues = DIALOGUE.readValues(parser)) {
				while (hasNext(dialogues, record)) {
					record++;
					sink.accept(toRecord(record, nextDialogue(dialogues, record)));
				}
			}
			if (next(parser, record) != null) {
				throw malformed("unexpected content after the closing ] of the dialogue array", parser.currentLocation(),
						record, "after");
			}
		}
	}

	private static boolean hasNext(MappingIterator<JsonNode> dialogues, long record) {
		try {
			return dialogues.hasNextValue();
		}
		catch (JacksonException ex) {
			throw malformed(ex, record, "after");
		}
	}

	private static JsonNode nextDialogue(MappingIterator<JsonNode> dialogues, long record) {
		try {
			return dialogues.nextValue();
		}
		catch (JacksonException ex) {
			throw malformed(ex, record, "in");
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

	private static ParsedRecord toRecord(long record, JsonNode dialogue) {
		if (!dialogue.isObject()) {
			return new RejectedRecord(record, null, null,
					"wrong structure: the record is " + describe(dialogue.asToken()) + ", not a dialogue object");
		}
		JsonNode profile = dialogue.path("profile");
		JsonNode talk = dialogue.path("talk");
		JsonNode ids = object(talk.path("id"));
		String talkId = scalar(ids.path("talk-id"));
		if (!profile.isObject() || !talk.isObject()) {
			return new RejectedRecord(record, null, talkId,
					"wrong structure: a dialogue needs a \"profile\" and a \"talk\" object");
		}
		JsonNode emotion = object(profile.path("emotion"));
		String code = scalar(emotion.path("type"));
		if (code == null) {
			return new RejectedRecord(record, null, talkId, "no emotion code (profile.emotion.type is missing)");
		}
		if (!FineLabels.isCode(code)) {
			return new RejectedRecord(record, null, talkId, "unknown emotion code \"" + code + "\" (expected E10–E69)");
		}
		JsonNode texts = talk.path("content");
		if (!texts.isObject()) {
			return new RejectedRecord(record, null, talkId, "wrong structure: talk.content is not an object");
		}
		Map<String, String> content = new LinkedHashMap<>(8);
		for (String field : ParsedRecord.TEXT_FIELDS) {
			String text = scalar(texts.path(field));
			if (text != null) {
				content.put(field, text);
			}
		}
		if (!content.containsKey("HS01")) {
			return new RejectedRecord(record, null, talkId,
					"dialogue has no HS01 (the person's first utterance is missing or empty)");
		}
		JsonNode persona = object(profile.path("persona"));
		String age = null;
		String gender = null;
		for (String item : strings(persona.path("human"))) {
			if (item.startsWith("A")) {
				age = item;
			}
			else if (item.startsWith("G")) {
				gender = item;
			}
		}
		String disease = null;
		List<String> situation = new ArrayList<>(2);
		for (String item : strings(emotion.path("situation"))) {
			if (item.startsWith("D")) {
				disease = item;
			}
			else {
				situation.add(item);
			}
		}
		String profileId = scalar(ids.path("profile-id"));
		String ownPersonaId = scalar(profile.path("persona-id"));
		String personaId = ownPersonaId != null ? ownPersonaId : scalar(persona.path("persona-id"));
		String key = talkId != null ? "t:" + talkId : "h:" + ContentHash.of(code, content);
		// profile.persona-id (Pro_05349) names one person; persona.persona-id (A02_G02_C01) only a type shared by
		// thousands, so it never defines a group
		String group = ownPersonaId != null ? "persona:" + ownPersonaId
				: profileId != null ? "persona:" + profileId : "dialogue:" + key.substring(2);
		return new ParsedDialogue(record, null, key, talkId, profileId, personaId, age, gender, List.copyOf(situation),
				disease, code, group, content);
	}

	/** The node when it is an object; otherwise a missing node, whose fields are all missing. */
	private static JsonNode object(JsonNode node) {
		return node.isObject() ? node : MAPPER.missingNode();
	}

	/** The stripped text of a scalar value; null for a missing, null, blank or structured value. */
	private static String scalar(JsonNode node) {
		if (node.isMissingNode() || node.isNull() || node.isContainer()) {
			return null;
		}
		String value = node.asString().strip();
		return value.isEmpty() ? null : value;
	}

	private static List<String> strings(JsonNode array) {
		List<String> items = new ArrayList<>(2);
		if (array.isArray()) {
			for (JsonNode element : array) {
				String item = scalar(element);
				if (item != null) {
					items.add(item);
				}
			}
		}
		return items;
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "an object ({)";
			case END_OBJECT -> "the end of an object (})";
			case START_ARRAY -> "an array";
			case END_ARRAY -> "the end of an array (])";
			case PROPERTY_NAME -> "a property name";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> "unexpected content";
		};
	}

	private static CorpusFileException malformed(JacksonException ex, long record, String where) {
		return malformed(reason(ex.getOriginalMessage()), ex.getLocation(), record, where);
	}

	private static final Pattern CODE_LIKE = Pattern.compile("`|java\\.|jackson|JsonToken|Exception|\\b[a-z]+\\.[a-z]+\\.[A-Za-z]");

	/**
	 * Jackson's first line, made fit for a caller: token names in words, without the "(… at [Source: …])" it appends,
	 * and a plain phrase if anything that reads like code is still left.
	 */
	static String reason(String message) {
		if (message == null) {
			return "the JSON syntax is broken here";
		}
		int newline = message.indexOf('\n');
		String reason = newline > 0 ? message.substring(0, newline) : message;
		int source = reason.indexOf("[Source");
		if (source >= 0) {
			int open = reason.lastIndexOf(" (", source);
			reason = reason.substring(0, open >= 0 ? open : source).strip();
		}
		for (JsonToken token : JsonToken.values()) {
			reason = reason.replace(token.name(), describe(token));
		}
		if (reason.isEmpty() || CODE_LIKE.matcher(reason).find()) {
			return "the JSON syntax is broken here";
		}
		return reason;
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
