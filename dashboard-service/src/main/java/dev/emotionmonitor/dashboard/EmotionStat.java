package dev.emotionmonitor.dashboard;

import java.util.List;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.dashboard.bucket.EmotionTotals;

/**
 * One emotion's figures over some observations: how many were labelled with it, that share, and its mean score.
 */
public record EmotionStat(String emotion, String emotionKo, long n, double share, double meanScore) {

	public static List<EmotionStat> of(EmotionTotals totals) {
		return Emotion.ALL.stream()
			.map(emotion -> new EmotionStat(emotion.id(), emotion.korean(), totals.count(emotion),
					round(totals.share(emotion)), round(totals.meanScore(emotion))))
			.toList();
	}

	public static Double round(Double value) {
		return value == null ? null : Math.round(value * 10000.0) / 10000.0;
	}

	private static double round(double value) {
		return Math.round(value * 10000.0) / 10000.0;
	}
}
