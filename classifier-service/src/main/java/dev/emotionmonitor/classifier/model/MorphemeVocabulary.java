package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.text.Morphemes;

/** The transformer's token vocabulary: morphemes of the training split; row 0 pads, row 1 is unknown. */
public final class MorphemeVocabulary extends TextEncoder {

	static final String FILE = "vocab.txt";

	private static final String UNKNOWN = "[UNK]";

	private final List<String> tokens;

	private final Map<String, Integer> ids = new HashMap<>();

	private final int maxLength;

	private MorphemeVocabulary(List<String> tokens, int maxLength) {
		this.tokens = tokens;
		this.maxLength = maxLength;
		for (int i = 0; i < tokens.size(); i++) {
			this.ids.put(tokens.get(i), i);
		}
	}

	static MorphemeVocabulary fit(List<String> normalizedTexts, int minCount, int maxSize, int maxLength) {
		Map<String, Integer> counts = new HashMap<>();
		for (String text : normalizedTexts) {
			for (String morpheme : Morphemes.of(text)) {
				counts.merge(morpheme, 1, Integer::sum);
			}
		}
		List<String> tokens = new ArrayList<>(List.of("[PAD]", UNKNOWN));
		counts.entrySet()
			.stream()
			.filter(entry -> entry.getValue() >= minCount)
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(maxSize - 2L)
			.forEach(entry -> tokens.add(entry.getKey()));
		return new MorphemeVocabulary(tokens, maxLength);
	}

	static MorphemeVocabulary load(Path directory, int maxLength) throws IOException {
		return new MorphemeVocabulary(Files.readAllLines(directory.resolve(FILE), StandardCharsets.UTF_8), maxLength);
	}

	@Override
	void save(Path directory) throws IOException {
		Files.write(directory.resolve(FILE), this.tokens, StandardCharsets.UTF_8);
	}

	@Override
	int rows() {
		return this.tokens.size();
	}

	@Override
	int[] encode(String normalizedText) {
		List<String> morphemes = Morphemes.of(normalizedText);
		int length = Math.min(this.maxLength, morphemes.size());
		int[] encoded = new int[length];
		for (int i = 0; i < length; i++) {
			encoded[i] = this.ids.getOrDefault(morphemes.get(i), 1);
		}
		return encoded;
	}
}
