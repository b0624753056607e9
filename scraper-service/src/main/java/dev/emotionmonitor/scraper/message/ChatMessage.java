package dev.emotionmonitor.scraper.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored chat message. {@code id} is {@code <site>:<message id>}, so a message is stored once however many runs or
 * sources bring it in. {@code revision} grows with every edit of the content; the classification belongs to
 * {@code classification.revision}.
 *
 * @param delivery {@code pending} (waiting in the outbox), {@code classified}, {@code delivered} (observations sent),
 *                 {@code skipped} (bots, system messages, empty content) or {@code failed}
 */
@Document("messages")
public record ChatMessage(@Id String id, String site, String sourceId, String guildId, String guildName,
		String channelId, String channelName, String messageId, String authorId, String authorName,
		String authorDisplayName, boolean authorBot, Instant timestamp, Instant editedAt, String content, String kind,
		String replyTo, int revision, String template, List<Section> sections, Classification classification,
		String delivery, String firstSeenRun, String lastSeenRun, Instant updatedAt) {

	public static final String PENDING = "pending";

	public static final String CLASSIFIED = "classified";

	public static final String DELIVERED = "delivered";

	public static final String SKIPPED = "skipped";

	public static final String FAILED = "failed";

	public static String key(String site, String messageId) {
		return site + ":" + messageId;
	}

	/** A section of a reflection ({@code whole} when the message follows no template) and its scores once known. */
	public record Section(String key, String title, String text, String label, Map<String, Double> scores) {
	}

	/** The classifier's answer for the whole message, for one revision of it. */
	public record Classification(int revision, String label, Map<String, Double> scores, String modelVersion,
			Instant classifiedAt) {
	}
}
