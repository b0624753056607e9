package dev.emotionmonitor.dashboard.bucket;

import java.time.Instant;
import java.util.Map;

/**
 * What the buckets need to know of one observation. Buckets and filters key by {@code channelId} (stable);
 * {@code channel} is its display name at the time and {@code guild} the server it belongs to (may be null). A thread or
 * forum post has its parent channel's id and name ({@code parentChannelId}, {@code parentChannel}); both null otherwise.
 */
public record ObservationFacts(String memberId, String memberName, String channelId, String channel, String guild,
		String parentChannelId, String parentChannel, Instant at, Map<String, Double> scores, String label) {
}
