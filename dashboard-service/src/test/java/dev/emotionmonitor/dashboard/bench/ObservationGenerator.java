package dev.emotionmonitor.dashboard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic observations in time order: {@code members} members, each with a home channel among
 * {@code channels} (one post in ten goes elsewhere) and a mood that drifts week to week, spread evenly over
 * {@code span}. Rendered straight to JSON arrays, as the scraper would send them.
 */
final class ObservationGenerator {

	private static final String[] EMOTIONS = { "anger", "sadness", "anxiety", "hurt", "embarrassment", "joy" };

	private final Random random = new Random(42);

	private final int members;

	private final int channels;

	private final long total;

	private final Instant start;

	private final double stepMillis;

	private final double[][] moods;

	private long produced;

	ObservationGenerator(long total, int members, int channels, Instant end, Duration span) {
		this.total = total;
		this.members = members;
		this.channels = channels;
		this.start = end.minus(span);
		this.stepMillis = (double) span.toMillis() / total;
		this.moods = new double[members][EMOTIONS.length];
		for (double[] mood : this.moods) {
			for (int e = 0; e < mood.length; e++) {
				mood[e] = e == 5 ? 3 : 1;
			}
		}
	}

	boolean hasNext() {
		return this.produced < this.total;
	}

	/** The next {@code size} observations (fewer at the end) as one JSON array. */
	String nextBatch(int size) {
		StringBuilder json = new StringBuilder(size * 330).append('[');
		for (int i = 0; i < size && hasNext(); i++) {
			if (i > 0) {
				json.append(',');
			}
			append(json, this.produced++);
		}
		return json.append(']').toString();
	}

	private void append(StringBuilder json, long n) {
		int member = this.random.nextInt(this.members);
		double[] mood = this.moods[member];
		// a slow random walk of each member's mood
		int drift = this.random.nextInt(EMOTIONS.length);
		mood[drift] = Math.max(0.2, Math.min(6, mood[drift] + (this.random.nextDouble() - 0.5) * 0.2));
		int channel = this.random.nextInt(10) == 0 ? this.random.nextInt(this.channels) : member % this.channels;
		Instant at = this.start.plusMillis((long) (n * this.stepMillis) + this.random.nextInt(1000));
		double[] scores = new double[EMOTIONS.length];
		double sum = 0;
		for (int e = 0; e < scores.length; e++) {
			scores[e] = mood[e] * -Math.log(1 - this.random.nextDouble());
			sum += scores[e];
		}
		int label = 0;
		for (int e = 0; e < scores.length; e++) {
			scores[e] /= sum;
			if (scores[e] > scores[label]) {
				label = e;
			}
		}
		json.append("{\"source\":\"discord\",\"message_id\":\"").append(1_200_000_000_000_000_000L + n)
			.append("\",\"section\":\"\",\"member_id\":\"discord:").append(100_000_000_000_000_000L + member)
			.append("\",\"member_name\":\"멤버").append(member)
			.append("\",\"channel\":\"channel-").append(channel)
			.append("\",\"at\":\"").append(at)
			.append("\",\"scores\":{");
		for (int e = 0; e < scores.length; e++) {
			if (e > 0) {
				json.append(',');
			}
			json.append('"').append(EMOTIONS[e]).append("\":").append(String.format(Locale.ROOT, "%.4f", scores[e]));
		}
		json.append("},\"label\":\"").append(EMOTIONS[label]).append("\",\"model_version\":\"bench\"}");
	}
}
