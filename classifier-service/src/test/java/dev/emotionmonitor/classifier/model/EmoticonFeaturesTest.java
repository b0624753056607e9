package dev.emotionmonitor.classifier.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.emotionmonitor.classifier.text.Morphemes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emoji and emoticons carry the feeling in chat ("발표 끝! 😭", "ㅠㅠ", "ㅋㅋ", ":)"): the text normalisation must not
 * drop them, and they must reach the features the model sees. Nori's stop tags drop symbols (SY), so emoji and ASCII
 * emoticons are not morphemes; they reach the model through the character n-grams, which every native model's
 * features include. Jamo emoticons (ㅠㅠ, ㅋㅋ, ㅎㅎ) are morphemes too (Nori tags them UNKNOWN, which is kept).
 */
class EmoticonFeaturesTest {

	private static final String SENTENCE = "발표 끝났다";

	/** Emoticon → the form normalisation gives it (NFKC turns compatibility jamo into conjoining jamo). */
	private static final Map<String, String> EMOTICONS = new LinkedHashMap<>();

	static {
		EMOTICONS.put("😭", "😭");
		EMOTICONS.put("🔥🔥", "🔥🔥");
		EMOTICONS.put("ㅠㅠ", "\u1172\u1172");
		EMOTICONS.put("ㅜㅜ", "\u116e\u116e");
		EMOTICONS.put("ㅋㅋ", "\u110f\u110f");
		EMOTICONS.put("ㅎㅎ", "\u1112\u1112");
		EMOTICONS.put(":)", ":)");
		EMOTICONS.put("^^", "^^");
		EMOTICONS.put("^_^", "^_^");
		EMOTICONS.put(":blobsad:", ":blobsad:");
	}

	@Test
	void normalisationKeepsEveryEmojiAndEmoticon() {
		EMOTICONS.forEach((emoticon, normalised) -> assertThat(Morphemes.normalize(SENTENCE + " " + emoticon))
			.as("normalised %s", emoticon)
			.isEqualTo(SENTENCE + " " + normalised));
	}

	@Test
	void jamoEmoticonsAreMorphemesWhileSymbolsAreLeftToCharacterGrams() {
		for (String jamo : new String[] { "ㅠㅠ", "ㅜㅜ", "ㅋㅋ", "ㅎㅎ" }) {
			assertThat(Morphemes.of(Morphemes.normalize(SENTENCE + " " + jamo))).as("morphemes with %s", jamo)
				.contains(EMOTICONS.get(jamo) + "/UNKNOWN");
		}
		// the stop tags (SY, SP, ...) drop these as morphemes: this is why the character grams must carry them
		for (String symbol : new String[] { "😭", ":)", "^^" }) {
			assertThat(Morphemes.of(Morphemes.normalize(SENTENCE + " " + symbol)))
				.isEqualTo(Morphemes.of(Morphemes.normalize(SENTENCE)));
		}
	}

	@Test
	void everyEmojiAndEmoticonAddsFeaturesOfItsOwn() {
		Set<Integer> plain = features(SENTENCE);
		EMOTICONS.forEach((emoticon, normalised) -> {
			Set<Integer> with = features(SENTENCE + " " + emoticon);
			Set<Integer> own = features(emoticon);
			// grams made of the emoticon's characters alone, without the word boundaries around it
			own.removeAll(features(""));
			assertThat(with).as("features with %s", emoticon).containsAll(plain);
			assertThat(with).as("the grams of %s reach the model's input", emoticon).containsAll(own);
			assertThat(own).as("%s has grams of its own", emoticon).isNotEmpty().doesNotContainAnyElementsOf(plain);
		});
	}

	/**
	 * What the shipped starter model (kind ngram) learnt: features seen fewer than twice in training have no row and
	 * are dropped at inference. Printed, not asserted beyond the jamo emoticons the starter corpus holds often
	 * (ㅠㅠ in 48 of its human turns, ㅋㅋ/ㅎㅎ in 188): the corpus has 4 turns with emoji and none with :) or ^^.
	 */
	@Test
	void theStarterModelKnowsTheJamoEmoticonsOfItsCorpus() throws Exception {
		HashedNgrams starter = HashedNgrams.load(Path.of("src/main/resources/starter-model"), 1024);
		Map<String, Integer> known = new LinkedHashMap<>();
		// an emoticon alone: its character grams with the word boundaries around it (an emoji is two UTF-16 chars,
		// and the first is shared by most emoji)
		EMOTICONS.keySet().forEach(emoticon -> known.put(emoticon, starter.encode(Morphemes.normalize(emoticon)).length));
		System.out.println("Starter model rows hit by each emoticon alone: " + known);
		assertThat(known.get("ㅠㅠ")).isPositive();
		assertThat(known.get("ㅋㅋ")).isPositive();
		assertThat(known.get("ㅎㅎ")).isPositive();
	}

	private static Set<Integer> features(String text) {
		return Arrays.stream(HashedNgrams.hashes(Morphemes.normalize(text), 1024))
			.boxed()
			.collect(Collectors.toCollection(java.util.HashSet::new));
	}
}
