package dev.emotionmonitor.dashboard.bucket;

import java.time.Instant;
import java.util.Map;

/** What the buckets need to know of one observation. */
public record ObservationFacts(String memberId, String memberName, String channel, Instant at, Map<String, Double> scores,
		String label) {
}
