package dev.emotionmonitor.dashboard.observation;

import java.util.Map;

/**
 * An observation as callers send it; {@link ObservationReader} checks it field by field. A thread or forum post names
 * its parent channel ({@code parent_channel_id}, {@code parent_channel}); ordinary channels leave both out.
 */
record ObservationRequest(String source, String messageId, String section, String memberId, String memberName,
		String channelId, String channel, String guild, String parentChannelId, String parentChannel, String at,
		Map<String, Double> scores, String label, String modelVersion) {
}
