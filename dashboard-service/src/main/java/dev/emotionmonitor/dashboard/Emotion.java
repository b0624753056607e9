package dev.emotionmonitor.dashboard;

import java.util.List;
import java.util.Optional;

/** The six emotions in their canonical order; joy is the only positive one. */
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

	public boolean negative() {
		return this != JOY;
	}

	public static Optional<Emotion> byId(String id) {
		for (Emotion emotion : ALL) {
			if (emotion.id.equals(id)) {
				return Optional.of(emotion);
			}
		}
		return Optional.empty();
	}

	public static List<String> ids() {
		return ALL.stream().map(Emotion::id).toList();
	}
}
