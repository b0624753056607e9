package dev.emotionmonitor.scraper.message;

import java.time.Instant;

/**
 * One message as a source read it, before storage.
 *
 * @param kind {@code default}, {@code reply} or {@code system}; only the first two from humans are classified
 */
public record ScrapedMessage(String messageId, String guildId, String guildName, String channelId, String channelName,
		String authorId, String authorName, String authorDisplayName, boolean authorBot, Instant timestamp,
		Instant editedAt, String content, String kind, String replyTo) {

	public static final String DEFAULT = "default";

	public static final String REPLY = "reply";

	public static final String SYSTEM = "system";

	boolean classifiable() {
		return !authorBot && (DEFAULT.equals(kind) || REPLY.equals(kind)) && content != null && !content.isBlank();
	}
}
