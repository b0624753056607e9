package dev.emotionmonitor.dashboard.bucket;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;

import dev.emotionmonitor.common.emotion.Emotion;


/**
 * Counts and score sums of the six emotions over some observations, plus how many observations each member
 * contributed (for k-anonymity and participation).
 */
public final class EmotionTotals {

	private long n;

	private final double[] sums = new double[Emotion.COUNT];

	private final long[] labels = new long[Emotion.COUNT];

	private final Map<String, Long> members = new HashMap<>();

	/** The totals of one bucket; none (null) gives empty totals. */
	public static EmotionTotals of(Document bucket) {
		EmotionTotals totals = new EmotionTotals();
		if (bucket != null) {
			totals.add(bucket);
		}
		return totals;
	}

	public void add(Document bucket) {
		this.n += number(bucket.get("n")).longValue();
		Document sums = bucket.get("sums", Document.class);
		Document labels = bucket.get("labels", Document.class);
		for (Emotion emotion : Emotion.ALL) {
			if (sums != null && sums.get(emotion.id()) != null) {
				this.sums[emotion.ordinal()] += number(sums.get(emotion.id())).doubleValue();
			}
			if (labels != null && labels.get(emotion.id()) != null) {
				this.labels[emotion.ordinal()] += number(labels.get(emotion.id())).longValue();
			}
		}
		Document members = bucket.get("members", Document.class);
		if (members != null) {
			members.forEach((key, count) -> this.members.merge(MemberKeys.decode(key), number(count).longValue(), Long::sum));
		}
		else if (!BucketKey.ALL.equals(bucket.getString("memberId"))) {
			this.members.merge(bucket.getString("memberId"), number(bucket.get("n")).longValue(), Long::sum);
		}
	}

	/** One observation: its scores and label, written by {@code memberId}. */
	public void add(Map<String, Double> scores, String label, String memberId) {
		this.n++;
		for (Emotion emotion : Emotion.ALL) {
			Double score = scores.get(emotion.id());
			this.sums[emotion.ordinal()] += score == null ? 0 : score;
		}
		Emotion.byId(label).ifPresent(emotion -> this.labels[emotion.ordinal()]++);
		this.members.merge(memberId, 1L, Long::sum);
	}

	public void add(EmotionTotals other) {
		this.n += other.n;
		for (int i = 0; i < Emotion.COUNT; i++) {
			this.sums[i] += other.sums[i];
			this.labels[i] += other.labels[i];
		}
		other.members.forEach((member, count) -> this.members.merge(member, count, Long::sum));
	}

	public long n() {
		return this.n;
	}

	/** Observations per top label, in the canonical order of the emotions (a copy). */
	public long[] labelCounts() {
		return this.labels.clone();
	}

	public long count(Emotion emotion) {
		return this.labels[emotion.ordinal()];
	}

	public double share(Emotion emotion) {
		return this.n == 0 ? 0 : (double) count(emotion) / this.n;
	}

	public double meanScore(Emotion emotion) {
		return this.n == 0 ? 0 : this.sums[emotion.ordinal()] / this.n;
	}

	/** Share of observations labelled with one of the five negative emotions; null without observations. */
	public Double negativeShare() {
		return this.n == 0 ? null : 1.0 - share(Emotion.JOY);
	}

	/** The most frequent label; ties go to the higher mean score, then to the canonical order. */
	public Emotion dominant() {
		Emotion best = null;
		for (Emotion emotion : Emotion.ALL) {
			if (best == null || count(emotion) > count(best)
					|| (count(emotion) == count(best) && this.sums[emotion.ordinal()] > this.sums[best.ordinal()] + 1e-9)) {
				best = emotion;
			}
		}
		return this.n == 0 ? null : best;
	}

	public Set<String> activeMembers() {
		return this.members.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	/** How many observations {@code memberId} contributed. */
	public long observationsOf(String memberId) {
		return this.members.getOrDefault(memberId, 0L);
	}

	public int distinctMembers() {
		return activeMembers().size();
	}

	private static Number number(Object value) {
		return value instanceof Number number ? number : 0;
	}
}
