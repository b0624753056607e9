package dev.emotionmonitor.scraper.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Observation;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Prediction;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Withdrawal;

/**
 * Maps between stored messages and what the classifier and the dashboard take: the texts of a message (the whole
 * message first, then each section), the classifier's answers back onto the message, the observations one message
 * gives the dashboard (one per section plus {@code whole}) and the withdrawal of a message's observations.
 */
final class ObservationMapper {

	private ObservationMapper() {
	}

	/** The whole message first, then each section. */
	static List<String> texts(ChatMessage message) {
		List<String> texts = new ArrayList<>();
		// what the person wrote (normalised), never the raw markup
		texts.add(message.text() != null ? message.text() : message.content());
		if (message.sections() != null) {
			message.sections().forEach(section -> texts.add(section.text()));
		}
		return texts;
	}

	/** Whether the message's current revision already has its scores (classified before a crash or a failed send). */
	static boolean classified(ChatMessage message) {
		return message.classification() != null && message.classification().revision() == message.revision();
	}

	/**
	 * Groups whose texts (whole message plus sections) fit one classifier call of at most {@code limit} texts; a
	 * message with more texts than that is a group of its own.
	 */
	static List<List<ChatMessage>> groups(List<ChatMessage> messages, int limit) {
		List<List<ChatMessage>> groups = new ArrayList<>();
		List<ChatMessage> current = new ArrayList<>();
		int texts = 0;
		for (ChatMessage message : messages) {
			int size = texts(message).size();
			if (!current.isEmpty() && texts + size > limit) {
				groups.add(current);
				current = new ArrayList<>();
				texts = 0;
			}
			current.add(message);
			texts += size;
		}
		if (!current.isEmpty()) {
			groups.add(current);
		}
		return groups;
	}

	/** The group's predictions, in the order of {@link #texts}, put back onto each message. */
	static List<Scored> scored(List<ChatMessage> group, List<Prediction> predictions, Instant now) {
		List<Scored> scored = new ArrayList<>();
		int next = 0;
		for (ChatMessage message : group) {
			Prediction whole = predictions.get(next++);
			List<ChatMessage.Section> sections = new ArrayList<>();
			if (message.sections() != null) {
				for (ChatMessage.Section section : message.sections()) {
					Prediction prediction = predictions.get(next++);
					sections.add(new ChatMessage.Section(section.key(), section.title(), section.text(),
							prediction.label(), prediction.scores()));
				}
			}
			scored.add(new Scored(message, new ChatMessage.Classification(message.revision(), whole.label(),
					whole.scores(), whole.modelVersion(), now), sections));
		}
		return scored;
	}

	/** One observation per section plus {@code whole}, for a message whose revision is classified. */
	static List<Observation> observations(ChatMessage message) {
		ChatMessage.Classification whole = message.classification();
		String member = message.site() + ":" + (message.authorId() != null ? message.authorId() : message.authorName());
		String name = message.authorDisplayName() != null ? message.authorDisplayName() : message.authorName();
		String channel = message.channelName() != null ? message.channelName() : message.channelId();
		// the dashboard keys channels by this id, so a rename keeps the history and equal names in two guilds stay apart
		String channelId = message.site() + ":" + (message.channelId() != null ? message.channelId() : channel);
		String guild = message.guildName() != null ? message.guildName() : message.guildId();
		// a thread or forum post: the dashboard shows it under its parent channel
		String parentId = message.parentChannelId() == null ? null : message.site() + ":" + message.parentChannelId();
		String parent = message.parentChannelId() == null ? null
				: message.parentChannelName() != null ? message.parentChannelName() : message.parentChannelId();
		List<Observation> observations = new ArrayList<>();
		observations.add(new Observation(message.site(), message.messageId(), "whole", member, name, channelId, channel,
				guild, parentId, parent, message.timestamp(), ordered(whole.scores()), whole.label(),
				whole.modelVersion()));
		if (message.sections() != null) {
			for (ChatMessage.Section section : message.sections()) {
				observations.add(new Observation(message.site(), message.messageId(), section.key(), member, name,
						channelId, channel, guild, parentId, parent, message.timestamp(), ordered(section.scores()),
						section.label(), whole.modelVersion()));
			}
		}
		return observations;
	}

	/** What withdraws every observation of the message (all sections). */
	static Withdrawal withdrawal(ChatMessage message) {
		return new Withdrawal(message.site(), message.messageId());
	}

	private static Map<String, Double> ordered(Map<String, Double> scores) {
		return scores == null ? null : new LinkedHashMap<>(Emotion.inCanonicalOrder(scores));
	}

	/** A message with the classifier's answers for its current revision. */
	record Scored(ChatMessage message, ChatMessage.Classification classification, List<ChatMessage.Section> sections) {

		ChatMessage withScores() {
			ChatMessage m = message;
			return new ChatMessage(m.id(), m.site(), m.sourceId(), m.guildId(), m.guildName(), m.channelId(),
					m.channelName(), m.parentChannelId(), m.parentChannelName(), m.messageId(), m.authorId(),
					m.authorName(), m.authorDisplayName(), m.authorBot(), m.timestamp(), m.editedAt(), m.content(),
					m.text(), m.kind(), m.replyTo(), m.revision(), m.template(), sections, classification,
					ChatMessage.CLASSIFIED, m.firstSeenRun(), m.lastSeenRun(), m.updatedAt(), m.outbox(),
					m.deletedAt());
		}
	}
}
