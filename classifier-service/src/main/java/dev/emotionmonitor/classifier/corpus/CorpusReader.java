package dev.emotionmonitor.classifier.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.emotionmonitor.classifier.model.Emotion;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads labelled dialogues from the AI Hub labeling JSON (streamed, one dialogue at a time), the AI Hub source xlsx
 * ({@link XlsxCorpus}) or the corpus-service training export (JSONL lines {@code {"text","label","label_ko","code","group"}}).
 */
public final class CorpusReader {

	public static final List<String> DEFAULT_FIELDS = List.of("HS01", "HS02", "HS03");

	private static final List<String> ALL_FIELDS = List.of("HS01", "SS01", "HS02", "SS02", "HS03", "SS03");

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private CorpusReader() {
	}

	/** Parses {@code HS01,HS02} and refuses names that are not talk fields. */
	public static List<String> parseFields(String fields) {
		if (fields == null || fields.isBlank()) {
			return DEFAULT_FIELDS;
		}
		List<String> parsed = new ArrayList<>();
		for (String field : fields.split(",")) {
			String name = field.trim().toUpperCase(Locale.ROOT);
			if (!ALL_FIELDS.contains(name)) {
				throw new IllegalArgumentException("unknown text field '" + field.trim() + "'; use any of " + ALL_FIELDS);
			}
			if (!parsed.contains(name)) {
				parsed.add(name);
			}
		}
		return List.copyOf(parsed);
	}

	/** A file, or a directory whose {@code *.json} / {@code *.jsonl} files are read in name order. */
	public static List<LabeledText> read(Path file, List<String> fields) {
		if (Files.isDirectory(file)) {
			List<LabeledText> texts = new ArrayList<>();
			try (var listing = Files.list(file)) {
				for (Path part : listing.filter(path -> path.getFileName().toString().matches("(?i).*\\.(json|jsonl|xlsx)$"))
					.sorted()
					.toList()) {
					texts.addAll(read(part, fields));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot list corpus directory " + file, ex);
			}
			return texts;
		}
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".xlsx")) {
			return XlsxCorpus.read(file, fields);
		}
		try (InputStream in = Files.newInputStream(file)) {
			return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? readJsonLines(in) : readLabelingJson(in, fields);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read corpus " + file, ex);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(file.getFileName() + " is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/** The labeling JSON: a top-level array of {profile, talk}; streamed so a 60 MB file never sits in memory whole. */
	public static List<LabeledText> readLabelingJson(InputStream in, List<String> fields) {
		List<LabeledText> texts = new ArrayList<>();
		try (JsonParser parser = MAPPER.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalArgumentException("a labeling JSON file is a top-level array of dialogues");
			}
			int index = 0;
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				JsonNode dialogue = MAPPER.readTree(parser);
				index++;
				LabeledText text = fromDialogue(dialogue, fields, index);
				if (text != null) {
					texts.add(text);
				}
			}
		}
		return texts;
	}

	private static LabeledText fromDialogue(JsonNode dialogue, List<String> fields, int index) {
		JsonNode profile = dialogue.path("profile");
		JsonNode emotion = profile.path("emotion");
		String code = emotion.path("type").asString("");
		if (code.isBlank()) {
			String emotionId = emotion.path("emotion-id").asString("");
			code = emotionId.contains("_") ? emotionId.substring(emotionId.lastIndexOf('_') + 1) : emotionId;
		}
		Emotion label;
		try {
			label = Emotion.fromCode(code);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("dialogue #" + index + ": " + ex.getMessage());
		}
		JsonNode content = dialogue.path("talk").path("content");
		StringBuilder text = new StringBuilder();
		for (String field : fields) {
			String value = content.path(field).asString("").trim();
			if (!value.isEmpty()) {
				if (!text.isEmpty()) {
					text.append(' ');
				}
				text.append(value);
			}
		}
		if (text.isEmpty()) {
			return null;
		}
		String group = profile.path("persona-id").asString("");
		if (group.isBlank()) {
			group = dialogue.path("talk").path("id").path("profile-id").asString("dialogue-" + index);
		}
		return new LabeledText(text.toString(), label, group, code.toUpperCase(Locale.ROOT));
	}

	public static List<LabeledText> readJsonLines(InputStream in) throws IOException {
		List<LabeledText> texts = new ArrayList<>();
		BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		String line;
		int number = 0;
		while ((line = reader.readLine()) != null) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			JsonNode node = MAPPER.readTree(line);
			String text = node.path("text").asString("").trim();
			if (text.isEmpty()) {
				continue;
			}
			String code = node.path("code").asString("");
			String labelValue = node.path("label").asString(code);
			Emotion label;
			try {
				label = Emotion.parse(labelValue.isBlank() ? code : labelValue);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("line " + number + ": " + ex.getMessage());
			}
			String group = node.path("group").asString("line-" + number);
			texts.add(new LabeledText(text, label, group, code));
		}
		return texts;
	}
}
