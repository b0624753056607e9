package dev.emotionmonitor.scraper.source;

import java.time.Instant;
import java.util.Map;

/** A source as the API shows it, with the state of its messages in the outbox. */
record SourceView(String id, String name, String kind, String site, String url, String guildId, String guildName,
		String channelId, String channelName, String schedule, Instant since, String template,
		Map<String, String> selectors, String lastMessageId, String lastRunId, Instant nextRunAt, Instant createdAt,
		long messages, long pending, long failed) {

	static SourceView of(Source source, long messages, long pending, long failed) {
		return new SourceView(source.id(), source.name(), source.kind(), source.site(), source.url(), source.guildId(),
				source.guildName(), source.channelId(), source.channelName(), source.schedule(), source.since(),
				source.template(), source.selectors(), source.lastMessageId(), source.lastRunId(), source.nextRunAt(),
				source.createdAt(), messages, pending, failed);
	}
}
