package dev.emotionmonitor.dashboard.bucket;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.emotionmonitor.common.emotion.Emotion;


/** What one ingest adds to (or, for a replaced observation, takes from) one bucket. */
final class BucketDelta {

	final BucketKey key;

	long n;

	final double[] sums = new double[Emotion.COUNT];

	final long[] labels = new long[Emotion.COUNT];

	final Map<String, Long> members = new LinkedHashMap<>();

	String memberName;

	BucketDelta(BucketKey key) {
		this.key = key;
	}

	void add(ObservationFacts observation, int sign) {
		this.n += sign;
		for (Emotion emotion : Emotion.ALL) {
			this.sums[emotion.ordinal()] += sign * observation.scores().getOrDefault(emotion.id(), 0.0);
		}
		Emotion.byId(observation.label()).ifPresent(emotion -> this.labels[emotion.ordinal()] += sign);
		if (this.key.team()) {
			this.members.merge(observation.memberId(), (long) sign, Long::sum);
		}
		else if (sign > 0) {
			this.memberName = observation.memberName();
		}
	}

	boolean empty() {
		if (this.n != 0 || this.memberName != null) {
			return false;
		}
		for (int i = 0; i < Emotion.COUNT; i++) {
			if (this.labels[i] != 0 || Math.abs(this.sums[i]) > 1e-12) {
				return false;
			}
		}
		return this.members.values().stream().allMatch(count -> count == 0);
	}
}
