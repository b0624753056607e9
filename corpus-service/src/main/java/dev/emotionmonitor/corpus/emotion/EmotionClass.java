package dev.emotionmonitor.corpus.emotion;

import java.util.Optional;

/** The six emotion classes in canonical order; an AI Hub code's tens digit picks the class (E1x anger … E6x joy). */
public enum EmotionClass {

	ANGER("anger", "분노"), SADNESS("sadness", "슬픔"), ANXIETY("anxiety", "불안"), HURT("hurt", "상처"),
	EMBARRASSMENT("embarrassment", "당황"), JOY("joy", "기쁨");

	private final String id;

	private final String korean;

	EmotionClass(String id, String korean) {
		this.id = id;
		this.korean = korean;
	}

	public String id() {
		return this.id;
	}

	public String korean() {
		return this.korean;
	}

	/** The tens digit of this class's codes: 1 for anger (E10–E19) … 6 for joy. */
	public int tensDigit() {
		return ordinal() + 1;
	}

	public static Optional<EmotionClass> ofCode(String code) {
		if (!FineLabels.isCode(code)) {
			return Optional.empty();
		}
		return Optional.of(values()[code.charAt(1) - '1']);
	}

	public static Optional<EmotionClass> ofId(String id) {
		for (EmotionClass emotion : values()) {
			if (emotion.id.equals(id)) {
				return Optional.of(emotion);
			}
		}
		return Optional.empty();
	}

	/** Matches the Korean major name as spreadsheets write it, ignoring spacing. */
	public static Optional<EmotionClass> ofKorean(String name) {
		String normalized = FineLabels.normalize(name);
		for (EmotionClass emotion : values()) {
			if (emotion.korean.equals(normalized)) {
				return Optional.of(emotion);
			}
		}
		return Optional.empty();
	}
}
