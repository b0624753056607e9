package dev.emotionmonitor.scraper.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A stored message as the API shows it, with its sections and their scores once classified. */
record MessageView(String id, String site, String sourceId, String guildId, String guildName, String channelId,
		String channelName, Author author, Instant timestamp, Instant editedAt, String content, String kind,
		String replyTo, int revision, String template, List<SectionView> sections, String label, String labelKo,
		Map<String, Double> scores, String modelVersion, Instant classifiedAt, String delivery, String firstSeenRun,
		String lastSeenRun) {

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
					.map(s -> new SectionView(s.key(), s.title(), s.text(), s.label(), Emotions.korean(s.label()),
							Emotions.ordered(s.scores())))
					.toList();
		if (sections.isEmpty()) {
			// a message that follows no template is one section, the whole message
			sections = List.of(new SectionView("whole", "whole", message.content(),
					classification == null ? null : classification.label(),
					classification == null ? null : Emotions.korean(classification.label()),
					classification == null ? null : Emotions.ordered(classification.scores())));
		}
		return new MessageView(message.messageId(), message.site(), message.sourceId(), message.guildId(),
				message.guildName(), message.channelId(), message.channelName(),
				new Author(message.authorId(), message.authorName(), message.authorDisplayName(), message.authorBot()),
				message.timestamp(), message.editedAt(), message.content(), message.kind(), message.replyTo(),
				message.revision(), message.template(), sections,
				classification == null ? null : classification.label(),
				classification == null ? null : Emotions.korean(classification.label()),
				classification == null ? null : Emotions.ordered(classification.scores()),
				classification == null ? null : classification.modelVersion(),
				classification == null ? null : classification.classifiedAt(), message.delivery(),
				message.firstSeenRun(), message.lastSeenRun());
	}
}
