package dev.emotionmonitor.classifier.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The six emotions in their canonical order; the ordinal is the class index of every model. */
public enum Emotion {

	ANGER("anger", "분노"), SADNESS("sadness", "슬픔"), ANXIETY("anxiety", "불안"), HURT("hurt", "상처"),
	EMBARRASSMENT("embarrassment", "당황"), JOY("joy", "기쁨");

	public static final int COUNT = 6;

	private static final List<Emotion> ALL = List.of(values());

	private final String id;

	private final String korean;

	Emotion(String id, String korean) {
		this.id = id;
		this.korean = korean;
	}

	public String id() {
		return this.id;
	}

	public String korean() {
		return this.korean;
	}

	public static List<Emotion> all() {
		return ALL;
	}

	public static List<String> ids() {
		return ALL.stream().map(Emotion::id).toList();
	}

	/** The major class of an AI Hub code such as {@code E18}: its tens digit (E1x anger … E6x joy). */
	public static Emotion fromCode(String code) {
		if (code == null || !code.matches("(?i)E[1-6]\\d")) {
			throw new IllegalArgumentException("not an AI Hub emotion code (E10–E69): " + code);
		}
		return ALL.get(code.charAt(1) - '1');
	}

	/** An English id ({@code anxiety}), a Korean name ({@code 불안}) or an AI Hub code ({@code E34}). */
	public static Emotion parse(String value) {
		String trimmed = value == null ? "" : value.trim();
		for (Emotion emotion : ALL) {
			if (emotion.id.equalsIgnoreCase(trimmed) || emotion.korean.equals(trimmed)) {
				return emotion;
			}
		}
		if (trimmed.toUpperCase(Locale.ROOT).matches("E[1-6]\\d")) {
			return fromCode(trimmed);
		}
		throw new IllegalArgumentException("unknown emotion '" + value + "'; expected one of "
				+ Arrays.toString(ids().toArray()));
	}
}
