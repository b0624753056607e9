package dev.emotionmonitor.scraper.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The six emotion ids in canonical order, with their Korean names. */
public final class Emotions {

	public static final List<String> IDS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	private static final Map<String, String> KOREAN = Map.of("anger", "분노", "sadness", "슬픔", "anxiety", "불안", "hurt",
			"상처", "embarrassment", "당황", "joy", "기쁨");

	private Emotions() {
	}

	public static String korean(String id) {
		return id == null ? null : KOREAN.get(id);
	}

	/** The scores in canonical order (a stored map may come back in any order). */
	public static Map<String, Double> ordered(Map<String, Double> scores) {
		if (scores == null) {
			return null;
		}
		Map<String, Double> ordered = new LinkedHashMap<>();
		for (String id : IDS) {
			if (scores.containsKey(id)) {
				ordered.put(id, scores.get(id));
			}
		}
		return ordered;
	}
}
