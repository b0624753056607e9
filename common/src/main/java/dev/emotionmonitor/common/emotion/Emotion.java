package dev.emotionmonitor.common.emotion;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The six emotions in their canonical order (docs/DESIGN: anger … joy); the ordinal is the class index of every model,
 * the id and the Korean name are what every API, export and model card writes. An AI Hub code's tens digit picks the
 * class: E10–E19 anger … E60–E69 joy ({@link FineLabels} holds the 60 fine names).
 */
public enum Emotion {

	ANGER("anger", "분노"), SADNESS("sadness", "슬픔"), ANXIETY("anxiety", "불안"), HURT("hurt", "상처"),
	EMBARRASSMENT("embarrassment", "당황"), JOY("joy", "기쁨");

	public static final List<Emotion> ALL = List.of(values());

	public static final int COUNT = ALL.size();

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

	/** Joy is the only positive class. */
	public boolean negative() {
		return this != JOY;
	}

	/** The tens digit of this class's codes: 1 for anger (E10–E19) … 6 for joy (E60–E69). */
	public int tensDigit() {
		return ordinal() + 1;
	}

	public static List<String> ids() {
		return ALL.stream().map(Emotion::id).toList();
	}

	public static List<String> koreanNames() {
		return ALL.stream().map(Emotion::korean).toList();
	}

	/** The emotion of an English id, exactly as APIs write it ({@code anxiety}). */
	public static Optional<Emotion> byId(String id) {
		for (Emotion emotion : ALL) {
			if (emotion.id.equals(id)) {
				return Optional.of(emotion);
			}
		}
		return Optional.empty();
	}

	/** The Korean name of an English id; null for null or anything that is not one of the six ids. */
	public static String koreanOf(String id) {
		return byId(id).map(Emotion::korean).orElse(null);
	}

	/** The emotion of a Korean major name as spreadsheets write it, ignoring spacing and punctuation. */
	public static Optional<Emotion> byKorean(String name) {
		String normalized = FineLabels.normalize(name);
		for (Emotion emotion : ALL) {
			if (emotion.korean.equals(normalized)) {
				return Optional.of(emotion);
			}
		}
		return Optional.empty();
	}

	/** The major class of an AI Hub code as the corpus writes it ({@code E18}, upper case); empty for anything else. */
	public static Optional<Emotion> byCode(String code) {
		return FineLabels.isCode(code) ? Optional.of(ALL.get(code.charAt(1) - '1')) : Optional.empty();
	}

	/** The major class of an AI Hub code such as {@code E18} or {@code e18}: its tens digit (E1x anger … E6x joy). */
	public static Emotion fromCode(String code) {
		return byCode(code == null ? null : code.toUpperCase(Locale.ROOT))
			.orElseThrow(() -> new IllegalArgumentException("not an AI Hub emotion code (E10–E69): " + code));
	}

	/** An English id ({@code anxiety}, any case), a Korean name ({@code 불안}) or an AI Hub code ({@code E34}). */
	public static Emotion parse(String value) {
		String trimmed = value == null ? "" : value.trim();
		for (Emotion emotion : ALL) {
			if (emotion.id.equalsIgnoreCase(trimmed) || emotion.korean.equals(trimmed)) {
				return emotion;
			}
		}
		return byCode(trimmed.toUpperCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
				"unknown emotion '" + value + "'; expected one of " + Arrays.toString(ids().toArray())));
	}

	/** Scores keyed by id in canonical order (a stored map may come back in any order); unknown keys are dropped. */
	public static <V> Map<String, V> inCanonicalOrder(Map<String, V> byId) {
		if (byId == null) {
			return null;
		}
		Map<String, V> ordered = new LinkedHashMap<>();
		for (Emotion emotion : ALL) {
			if (byId.containsKey(emotion.id)) {
				ordered.put(emotion.id, byId.get(emotion.id));
			}
		}
		return ordered;
	}
}
