package dev.emotionmonitor.scraper.discordexport;

import java.time.Instant;
import java.util.List;

import dev.emotionmonitor.scraper.message.ScrapedMessage;

/**
 * A parsed DiscordChatExporter export: its channel (for a thread or forum post, with its parent channel), its
 * messages, all valid, and the stretches of the channel it read whole if it holds every message of its date range
 * (one per file: exports of a channel in several date ranges are joined, the gaps between them unread).
 */
record DiscordExport(String guildId, String guildName, String channelId, String channelName, String parentChannelId,
		String parentChannelName, List<ScrapedMessage> messages, List<Stretch> stretches) {

	/** From and to, both inclusive. */
	record Stretch(Instant from, Instant to) {
	}
}
