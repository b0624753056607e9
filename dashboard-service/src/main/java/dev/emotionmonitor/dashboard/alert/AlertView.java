package dev.emotionmonitor.dashboard.alert;

import java.time.Instant;
import java.util.Map;

/** An alert as the API shows it. */
record AlertView(String id, String rule, String status, String weekStart, String channel, String memberId,
		String memberName, String message, Map<String, Object> values, Instant createdAt, Instant updatedAt,
		Instant acknowledgedAt, String acknowledgedBy) {

	static AlertView of(Alert alert) {
		return new AlertView(alert.id(), alert.rule(), alert.status(), alert.weekStart(), alert.channel(),
				alert.memberId(), alert.memberName(), alert.message(), alert.values(), alert.createdAt(),
				alert.updatedAt(), alert.acknowledgedAt(), alert.acknowledgedBy());
	}
}
