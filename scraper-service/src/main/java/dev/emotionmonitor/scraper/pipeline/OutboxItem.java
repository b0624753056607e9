package dev.emotionmonitor.scraper.pipeline;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One revision of one message on its way to the classifier and the dashboard. {@code id} is
 * {@code <message key>#<revision>}, so the same revision can never be queued twice.
 *
 * @param state {@code pending} (to classify), {@code classified} (observations to send), {@code done},
 *              {@code failed} (refused by a service after all attempts) or {@code superseded} (a newer edit replaced
 *              it)
 */
@Document("outbox")
public record OutboxItem(@Id String id, String messageKey, int revision, String sourceId, String runId, String state,
		int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt) {

	public static final String PENDING = "pending";

	public static final String CLASSIFIED = "classified";

	public static final String DONE = "done";

	public static final String FAILED = "failed";

	public static final String SUPERSEDED = "superseded";

	public static OutboxItem queue(String messageKey, int revision, String sourceId, String runId, Instant now) {
		return new OutboxItem(messageKey + "#" + revision, messageKey, revision, sourceId, runId, PENDING, 0, now, null,
				now, now);
	}
}
