package dev.emotionmonitor.dashboard.observation;

import java.util.Map;

/** An observation as callers send it; {@link ObservationReader} checks it field by field. */
record ObservationRequest(String source, String messageId, String section, String memberId, String memberName,
		String channelId, String channel, String guild, String at, Map<String, Double> scores, String label, String modelVersion) {
}
