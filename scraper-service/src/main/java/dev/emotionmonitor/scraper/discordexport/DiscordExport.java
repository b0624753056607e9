package dev.emotionmonitor.scraper.export;

import java.util.List;

import dev.emotionmonitor.scraper.message.ScrapedMessage;

/**
 * A parsed DiscordChatExporter export: its channel (for a thread or forum post, with its parent channel) and its
 * messages, all valid.
 */
record DiscordExport(String guildId, String guildName, String channelId, String channelName, String parentChannelId,
		String parentChannelName, List<ScrapedMessage> messages) {
}
