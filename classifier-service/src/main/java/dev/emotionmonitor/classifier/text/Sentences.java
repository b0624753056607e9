package dev.emotionmonitor.classifier.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a message into sentences: after . ! ? … ~ (and their runs) followed by space, and at line breaks. */
public final class Sentences {

	private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?…~。！？])\\s+|\\R+");

	private Sentences() {
	}

	public static List<String> split(String text) {
		List<String> sentences = new ArrayList<>();
		for (String part : BOUNDARY.split(text.strip())) {
			String sentence = part.strip();
			if (!sentence.isEmpty()) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}
}
