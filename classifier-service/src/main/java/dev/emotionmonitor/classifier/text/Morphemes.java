package dev.emotionmonitor.classifier.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits Korean text into morphemes with Lucene Nori, each as {@code surface/TAG}.
 *
 * <p>Nori's default stop tags drop verb endings (EF, EC, EP…), adverbs (MAG: 안, 못, 너무) and more: exactly what
 * carries tense, negation and intensity in an emotional sentence. Only punctuation, symbols and particles (J) are
 * dropped here. Thread-safe: the analyzer keeps one tokenizer per thread.
 */
public final class Morphemes {

	static final Set<POS.Tag> STOP_TAGS = EnumSet.of(POS.Tag.SP, POS.Tag.SSC, POS.Tag.SSO, POS.Tag.SC, POS.Tag.SE,
			POS.Tag.SF, POS.Tag.SY, POS.Tag.J, POS.Tag.UNA, POS.Tag.NA);

	private static final Analyzer ANALYZER = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, null,
					KoreanTokenizer.DecompoundMode.DISCARD, false, true);
			return new TokenStreamComponents(tokenizer, new KoreanPartOfSpeechStopFilter(tokenizer, STOP_TAGS));
		}
	};

	private Morphemes() {
	}

	/** NFKC, lower case, single spaces: the form every feature is computed on. */
	public static String normalize(String text) {
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return normalized.replaceAll("\\s+", " ").trim();
	}

	/** Morphemes of already normalized text, as {@code surface/TAG}. */
	public static List<String> of(String normalizedText) {
		List<String> morphemes = new ArrayList<>();
		try (TokenStream stream = ANALYZER.tokenStream("text", normalizedText)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			PartOfSpeechAttribute pos = stream.addAttribute(PartOfSpeechAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				POS.Tag tag = pos.getLeftPOS();
				morphemes.add(term.toString() + "/" + (tag == null ? "X" : tag.name()));
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return morphemes;
	}
}
