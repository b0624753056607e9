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
 * @param parentChannelId   the channel a thread or forum post belongs to (null for an ordinary channel)
 * @param parentChannelName that channel's name
 * @param content           the raw content as the source gave it (markup, mention ids, code and quotes included);
 *                          an edit is a change of it
 * @param text              what the person wrote ({@link dev.emotionmonitor.scraper.text.MessageText}): what is
 *                          parsed into sections and classified; empty (attachments, stickers, code or quotes only)
 *                          means the message is kept but not classified
 * @param delivery {@code pending} (waiting in the outbox), {@code classified}, {@code delivered} (observations sent),
 *                 {@code skipped} (bots, system messages, empty content), {@code failed}, {@code withdrawing} (deleted,
 *                 or edited into a message that is not classified: its observations are to be withdrawn) or
 *                 {@code withdrawn}
 * @param outbox   the message as its own outbox entry: where its delivery stands (null for a message never queued)
 * @param deletedAt when a run found the message gone from its channel; a deleted message is kept, never classified
 *                 again, and its observations are withdrawn from the dashboard
 */
@Document("messages")
public record ChatMessage(@Id String id, String site, String sourceId, String guildId, String guildName,
		String channelId, String channelName, String parentChannelId, String parentChannelName, String messageId,
		String authorId, String authorName, String authorDisplayName, boolean authorBot, Instant timestamp,
		Instant editedAt, String content, String text, String kind, String replyTo, int revision, String template,
		List<Section> sections, Classification classification, String delivery, String firstSeenRun,
		String lastSeenRun, Instant updatedAt, Outbox outbox, Instant deletedAt) {

	public static final String PENDING = "pending";

	public static final String CLASSIFIED = "classified";

	public static final String DELIVERED = "delivered";

	public static final String SKIPPED = "skipped";

	public static final String FAILED = "failed";

	public static final String WITHDRAWING = "withdrawing";

	public static final String WITHDRAWN = "withdrawn";

	/** The delivery states the outbox still has work for. */
	public static final List<String> WAITING = List.of(PENDING, CLASSIFIED, WITHDRAWING);

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

	/**
	 * Where this revision's delivery stands; the outbox worker claims messages by {@code delivery} and
	 * {@code nextAttemptAt}.
	 *
	 * @param run           the run that queued this revision (a new message, an edit or a deletion)
	 * @param attempts      failed attempts so far
	 * @param nextAttemptAt when the worker may take it (again); a claimed message is leased until then
	 * @param lastError     why the last attempt failed
	 * @param queuedAt      when this revision was queued
	 * @param withdraw      observations sent for an earlier revision must be withdrawn before new ones are sent
	 * @param claim         the worker round that holds the lease
	 */
	public record Outbox(String run, int attempts, Instant nextAttemptAt, String lastError, Instant queuedAt,
			boolean withdraw, String claim) {

		public static Outbox queue(String run, Instant now, boolean withdraw) {
			return new Outbox(run, 0, now, null, now, withdraw, null);
		}
	}
}
