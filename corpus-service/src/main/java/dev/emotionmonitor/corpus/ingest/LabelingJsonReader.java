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
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.emotionmonitor.corpus.dialogue.Dialogue;
import dev.emotionmonitor.corpus.emotion.FineLabels;
import dev.emotionmonitor.corpus.ingest.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.corpus.ingest.ParsedRecord.RejectedRecord;

/**
 * AI Hub labeling JSON: a top-level array of {@code {"profile": …, "talk": …}} dialogues, read token by token with
 * Jackson's streaming parser; only the fields of the current dialogue are held, never a tree or the whole file.
 */
final class LabelingJsonReader implements CorpusReader {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

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
				ParsedRecord parsed;
				try {
					parsed = readDialogue(parser, record);
				}
				catch (JacksonException ex) {
					throw malformed(ex, record, "in");
				}
				sink.accept(parsed);
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

	/** The parts of one dialogue object the corpus uses, collected token by token (no tree is built). */
	private static final class Fields {

		boolean profile;

		boolean talk;

		boolean content;

		String code;

		String talkId;

		String profileId;

		String personaId;

		String personaIdInPersona;

		String age;

		String gender;

		String disease;

		final List<String> situation = new ArrayList<>(2);

		final Map<String, String> texts = new LinkedHashMap<>(8);
	}

	private static ParsedRecord readDialogue(JsonParser parser, long record) {
		Fields fields = new Fields();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.START_OBJECT && name.equals("profile")) {
				fields.profile = true;
				readProfile(parser, fields);
			}
			else if (value == JsonToken.START_OBJECT && name.equals("talk")) {
				fields.talk = true;
				readTalk(parser, fields);
			}
			else {
				parser.skipChildren();
			}
		}
		return toRecord(record, fields);
	}

	private static void readProfile(JsonParser parser, Fields fields) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "persona-id" -> fields.personaId = scalar(parser, value);
				case "persona" -> {
					if (value != JsonToken.START_OBJECT) {
						parser.skipChildren();
						continue;
					}
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String field = parser.currentName();
						JsonToken inner = parser.nextToken();
						if (field.equals("persona-id")) {
							fields.personaIdInPersona = scalar(parser, inner);
						}
						else if (field.equals("human") && inner == JsonToken.START_ARRAY) {
							for (String item : strings(parser)) {
								if (item.startsWith("A")) {
									fields.age = item;
								}
								else if (item.startsWith("G")) {
									fields.gender = item;
								}
							}
						}
						else {
							parser.skipChildren();
						}
					}
				}
				case "emotion" -> {
					if (value != JsonToken.START_OBJECT) {
						parser.skipChildren();
						continue;
					}
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String field = parser.currentName();
						JsonToken inner = parser.nextToken();
						if (field.equals("type")) {
							fields.code = scalar(parser, inner);
						}
						else if (field.equals("situation") && inner == JsonToken.START_ARRAY) {
							for (String item : strings(parser)) {
								if (item.startsWith("D")) {
									fields.disease = item;
								}
								else {
									fields.situation.add(item);
								}
							}
						}
						else {
							parser.skipChildren();
						}
					}
				}
				default -> parser.skipChildren();
			}
		}
	}

	private static void readTalk(JsonParser parser, Fields fields) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value != JsonToken.START_OBJECT) {
				parser.skipChildren();
				continue;
			}
			if (name.equals("id")) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String field = parser.currentName();
					JsonToken inner = parser.nextToken();
					if (field.equals("talk-id")) {
						fields.talkId = scalar(parser, inner);
					}
					else if (field.equals("profile-id")) {
						fields.profileId = scalar(parser, inner);
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else if (name.equals("content")) {
				fields.content = true;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String field = parser.currentName();
					JsonToken inner = parser.nextToken();
					String text = scalar(parser, inner);
					if (text != null && TEXT_FIELDS.contains(field)) {
						fields.texts.put(field, text);
					}
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private static final Set<String> TEXT_FIELDS = Set.copyOf(Dialogue.TEXT_FIELDS);

	/** The stripped text of a scalar value; null for null, blank or structured values (which are skipped). */
	private static String scalar(JsonParser parser, JsonToken token) {
		if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
			parser.skipChildren();
			return null;
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		String value = parser.getString().strip();
		return value.isEmpty() ? null : value;
	}

	private static List<String> strings(JsonParser parser) {
		List<String> items = new ArrayList<>(2);
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			String item = scalar(parser, token);
			if (item != null) {
				items.add(item);
			}
		}
		return items;
	}

	private static ParsedRecord toRecord(long record, Fields fields) {
		String talkId = fields.talkId;
		if (!fields.profile || !fields.talk) {
			return new RejectedRecord(record, null, talkId,
					"wrong structure: a dialogue needs a \"profile\" and a \"talk\" object");
		}
		String code = fields.code;
		if (code == null) {
			return new RejectedRecord(record, null, talkId, "no emotion code (profile.emotion.type is missing)");
		}
		if (!FineLabels.isCode(code)) {
			return new RejectedRecord(record, null, talkId, "unknown emotion code \"" + code + "\" (expected E10–E69)");
		}
		if (!fields.content) {
			return new RejectedRecord(record, null, talkId, "wrong structure: talk.content is not an object");
		}
		Map<String, String> content = new LinkedHashMap<>(8);
		for (String field : Dialogue.TEXT_FIELDS) {
			String text = fields.texts.get(field);
			if (text != null) {
				content.put(field, text);
			}
		}
		if (!content.containsKey("HS01")) {
			return new RejectedRecord(record, null, talkId,
					"dialogue has no HS01 (the person's first utterance is missing or empty)");
		}
		String personaId = fields.personaId != null ? fields.personaId : fields.personaIdInPersona;
		String key = talkId != null ? "t:" + talkId : "h:" + ContentHash.of(code, content);
		// profile.persona-id (Pro_05349) names one person; persona.persona-id (A02_G02_C01) only a type shared by
		// thousands, so it never defines a group
		String group = fields.personaId != null ? "persona:" + fields.personaId
				: fields.profileId != null ? "persona:" + fields.profileId : "dialogue:" + key.substring(2);
		return new ParsedDialogue(record, null, key, talkId, fields.profileId, personaId, fields.age, fields.gender,
				List.copyOf(fields.situation), fields.disease, code, group, content);
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
