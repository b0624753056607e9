package dev.emotionmonitor.scraper.source;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One channel and how to collect it.
 *
 * @param kind          {@code web}, {@code discord-export} or {@code discord-api}
 * @param site          the chat platform, {@code discord} unless a web source says otherwise
 * @param url           the channel page ({@code web})
 * @param schedule      a six-field cron expression (UTC) for scheduled runs, or null
 * @param since         collect nothing older than this (web and API sources)
 * @param template      the reflection template to use, or null to try all
 * @param selectors     selector overrides for a web source (keys as in {@code emotion.scraper.web.selectors})
 * @param profileDir    the browser profile holding the login for a web source; null uses the configured one
 * @param lastMessageId the newest message id stored by an API run: the next run pages forward from it
 */
@Document("sources")
public record Source(@Id String id, String name, String kind, String site, String url, String guildId,
		String guildName, String channelId, String channelName, String schedule, Instant since, String template,
		Map<String, String> selectors, String profileDir, String lastMessageId, String lastRunId, Instant nextRunAt,
		Instant createdAt) {

	public static final String WEB = "web";

	public static final String DISCORD_EXPORT = "discord-export";

	public static final String DISCORD_API = "discord-api";

	public String channelLabel() {
		return channelName != null ? channelName : channelId;
	}
}
