package dev.emotionmonitor.scraper.export;

import java.util.List;

import dev.emotionmonitor.scraper.message.ScrapedMessage;

/** A parsed DiscordChatExporter export: its channel and its messages, all valid. */
record DiscordExport(String guildId, String guildName, String channelId, String channelName,
		List<ScrapedMessage> messages) {
}
