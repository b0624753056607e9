package dev.emotionmonitor.classifier.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.emotionmonitor.aihub.ByteCounter;
import dev.emotionmonitor.aihub.CorpusFileException;
import dev.emotionmonitor.aihub.LabelingJsonReader;
import dev.emotionmonitor.aihub.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.aihub.ParsedRecord.RejectedRecord;
import dev.emotionmonitor.aihub.XlsxSheetReader;
import dev.emotionmonitor.common.emotion.Emotion;

/**
 * Labelled texts for training and evaluation: the AI Hub labeling JSON and source xlsx through the same readers as the
 * corpus-service's import (so a file yields the same dialogues, groups and rejections there and here), or the
 * corpus-service training export (JSONL lines {@code {"text","label","label_ko","code","group"}}).
 */
public final class CorpusReader {

	public static final List<String> DEFAULT_FIELDS = List.of("HS01", "HS02", "HS03");

	private static final List<String> ALL_FIELDS = List.of("HS01", "SS01", "HS02", "SS02", "HS03", "SS03");

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

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

	/** A file, or a directory whose {@code *.json} / {@code *.jsonl} / {@code *.xlsx} files are read in name order. */
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
		try {
			if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
				try (InputStream in = Files.newInputStream(file)) {
					return readJsonLines(in);
				}
				catch (JacksonException ex) {
					throw new IllegalArgumentException(file.getFileName() + " is not valid JSON: " + ex.getOriginalMessage());
				}
			}
			return name.endsWith(".xlsx") ? readAiHub(new XlsxSheetReader(), "xlsx workbook", file, fields)
					: readAiHub(new LabelingJsonReader(), "labeling JSON file", file, fields);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read corpus " + file, ex);
		}
	}

	/**
	 * The dialogues of an AI Hub file with the chosen fields joined; those the corpus-service would reject, and those
	 * whose chosen fields are all empty, are left out.
	 */
	private static List<LabeledText> readAiHub(dev.emotionmonitor.aihub.CorpusReader reader, String kind, Path file,
			List<String> fields) throws IOException {
		List<LabeledText> texts = new ArrayList<>();
		List<RejectedRecord> rejected = new ArrayList<>();
		try {
			reader.read(file, new ByteCounter(), record -> {
				if (record instanceof ParsedDialogue dialogue) {
					LabeledText text = labeled(dialogue, fields);
					if (text != null) {
						texts.add(text);
					}
				}
				else if (rejected.isEmpty()) {
					rejected.add((RejectedRecord) record);
				}
			});
		}
		catch (CorpusFileException ex) {
			String detail = ex.getMessage();
			throw new IllegalArgumentException(file.getFileName() + " is not a readable " + kind + ": "
					+ Character.toLowerCase(detail.charAt(0)) + detail.substring(1));
		}
		if (texts.isEmpty() && !rejected.isEmpty()) {
			RejectedRecord first = rejected.get(0);
			throw new IllegalArgumentException(file.getFileName() + " has no usable dialogue; first rejected: "
					+ (first.row() != null ? "row " + first.row() : "dialogue #" + first.record()) + ": "
					+ first.reason());
		}
		return texts;
	}

	private static LabeledText labeled(ParsedDialogue dialogue, List<String> fields) {
		StringBuilder text = new StringBuilder();
		for (String field : fields) {
			String value = dialogue.content().get(field);
			if (value != null) {
				text.append(text.isEmpty() ? "" : " ").append(value);
			}
		}
		if (text.isEmpty()) {
			return null;
		}
		return new LabeledText(text.toString(), Emotion.byCode(dialogue.code()).orElseThrow(), dialogue.group(),
				dialogue.code());
	}

	public static List<LabeledText> readJsonLines(InputStream in) throws IOException {
		List<LabeledText> texts = new ArrayList<>();
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
