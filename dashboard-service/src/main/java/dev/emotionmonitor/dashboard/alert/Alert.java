package dev.emotionmonitor.dashboard.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A raised alert. {@code rule} is {@link AlertEvaluator#MEMBER_SHIFT} (subject: a member; one alert per episode of one
 * signal, kept up to date while it lasts) or {@link AlertEvaluator#TEAM_SHARE} (subject: a channel or the whole team, one per week).
 */
@Document(Alert.COLLECTION)
record Alert(@Id String id, String rule, String zone, String weekStart, String channel, List<String> channels,
		String memberId, String memberName, String status, String message, Map<String, Object> values,
		Instant createdAt, Instant updatedAt, Instant acknowledgedAt, String acknowledgedBy) {

	static final String COLLECTION = "alerts";

	static final String OPEN = "open";

	static final String ACKNOWLEDGED = "acknowledged";

	boolean aboutMember() {
		return this.memberId != null;
	}
}
