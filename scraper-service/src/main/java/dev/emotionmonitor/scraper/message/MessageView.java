package dev.emotionmonitor.scraper.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.emotion.Emotion;

/**
 * A stored message as the API shows it, with its sections and their scores once classified: {@code content_raw} as the
 * source gave it, {@code text} what the person wrote (what the sections come from and what is classified);
 * {@code deleted_at} when the message was found gone from its channel (kept, its observations withdrawn).
 */
record MessageView(String id, String site, String sourceId, String guildId, String guildName, String channelId,
		String channelName, String parentChannelId, String parentChannelName, Author author, Instant timestamp,
		Instant editedAt, String contentRaw, String text, String kind,
		String replyTo, int revision, String template, List<SectionView> sections, String label, String labelKo,
		Map<String, Double> scores, String modelVersion, Instant classifiedAt, String delivery, String firstSeenRun,
		String lastSeenRun, Instant deletedAt) {

	record Author(String id, String name, String displayName, boolean bot) {
	}

	record SectionView(String key, String title, String text, String label, String labelKo,
			Map<String, Double> scores) {
	}

	static MessageView of(ChatMessage message) {
		ChatMessage.Classification classification = message.classification();
		List<SectionView> sections = message.sections() == null ? List.of()
				: message.sections()
					.stream()
					.map(s -> new SectionView(s.key(), s.title(), s.text(), s.label(), Emotion.koreanOf(s.label()),
							Emotion.inCanonicalOrder(s.scores())))
					.toList();
		if (sections.isEmpty()) {
			// a message that follows no template is one section, the whole message
			sections = List.of(new SectionView("whole", "whole", text(message),
					classification == null ? null : classification.label(),
					classification == null ? null : Emotion.koreanOf(classification.label()),
					classification == null ? null : Emotion.inCanonicalOrder(classification.scores())));
		}
		return new MessageView(message.messageId(), message.site(), message.sourceId(), message.guildId(),
				message.guildName(), message.channelId(), message.channelName(), message.parentChannelId(),
				message.parentChannelName(),
				new Author(message.authorId(), message.authorName(), message.authorDisplayName(), message.authorBot()),
				message.timestamp(), message.editedAt(), message.content(), text(message), message.kind(),
				message.replyTo(),
				message.revision(), message.template(), sections,
				classification == null ? null : classification.label(),
				classification == null ? null : Emotion.koreanOf(classification.label()),
				classification == null ? null : Emotion.inCanonicalOrder(classification.scores()),
				classification == null ? null : classification.modelVersion(),
				classification == null ? null : classification.classifiedAt(), message.delivery(),
				message.firstSeenRun(), message.lastSeenRun(), message.deletedAt());
	}

	/** Messages stored before the text was kept separately were classified on their content. */
	private static String text(ChatMessage message) {
		return message.text() != null ? message.text() : message.content();
	}
}
