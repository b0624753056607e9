package dev.emotionmonitor.scraper.message;

import java.time.Instant;

/**
 * One message as a source read it, before storage.
 *
 * @param parentChannelId   for a thread or forum post, the channel it belongs to; null for an ordinary channel
 * @param parentChannelName that channel's name
 * @param content           the raw content as the source gave it
 * @param text              what the person wrote: the content through
 *                          {@link dev.emotionmonitor.scraper.text.MessageText}, with the source's mention names
 * @param kind              {@code default}, {@code reply} or {@code system}; only the first two from humans are
 *                          classified, and only when their text is not empty
 */
public record ScrapedMessage(String messageId, String guildId, String guildName, String channelId, String channelName,
		String parentChannelId, String parentChannelName, String authorId, String authorName,
		String authorDisplayName, boolean authorBot, Instant timestamp, Instant editedAt, String content, String text,
		String kind, String replyTo) {

	public static final String DEFAULT = "default";

	public static final String REPLY = "reply";

	public static final String SYSTEM = "system";

	/** A human's message with words of their own: attachments, stickers, embeds, code or quotes alone are not. */
	boolean classifiable() {
		return !authorBot && (DEFAULT.equals(kind) || REPLY.equals(kind)) && text != null && !text.isBlank();
	}
}
