package dev.emotionmonitor.dashboard.observation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.emotionmonitor.dashboard.bucket.MemberKeys;
import dev.emotionmonitor.dashboard.bucket.ObservationFacts;

/**
 * One classified message (or one section of it) of one member, keyed by source + member + message id + section. In a
 * thread or forum post, {@code parentChannelId} and {@code parentChannel} name the channel it belongs under.
 */
@Document(Observation.COLLECTION)
public record Observation(@Id String id, String source, String messageId, String section, String memberId,
		String memberName, String channelId, String channel, String guild, String parentChannelId, String parentChannel,
		Instant at, Map<String, Double> scores, String label, String modelVersion, Instant receivedAt) {

	public static final String COLLECTION = "observations";

	static String idOf(String source, String memberId, String messageId, String section) {
		return MemberKeys.encode(source) + "|" + MemberKeys.encode(memberId) + "|" + MemberKeys.encode(messageId) + "|"
				+ MemberKeys.encode(section);
	}

	Observation withCurrentId() {
		return new Observation(idOf(this.source, this.memberId, this.messageId, this.section), this.source,
				this.messageId, this.section, this.memberId, this.memberName, this.channelId, this.channel, this.guild,
				this.parentChannelId, this.parentChannel, this.at, this.scores, this.label, this.modelVersion,
				this.receivedAt);
	}

	/** Observations stored before channels had ids are known by their name, which becomes their id. */
	Observation withChannelId() {
		return new Observation(this.id, this.source, this.messageId, this.section, this.memberId, this.memberName,
				channelIdOrName(), this.channel, this.guild, this.parentChannelId, this.parentChannel, this.at, this.scores,
				this.label, this.modelVersion, this.receivedAt);
	}

	String channelIdOrName() {
		return this.channelId != null ? this.channelId : this.channel;
	}

	public ObservationFacts facts() {
		return new ObservationFacts(this.memberId, this.memberName, channelIdOrName(), this.channel, this.guild,
				this.parentChannelId, this.parentChannel, this.at, this.scores, this.label);
	}

	/** Same content, whenever it was received. */
	boolean sameAs(Observation other) {
		return Objects.equals(this.memberId, other.memberId) && Objects.equals(this.memberName, other.memberName)
				&& Objects.equals(this.channelIdOrName(), other.channelIdOrName())
				&& Objects.equals(this.channel, other.channel) && Objects.equals(this.guild, other.guild)
				&& Objects.equals(this.parentChannelId, other.parentChannelId)
				&& Objects.equals(this.parentChannel, other.parentChannel)
				&& Objects.equals(this.at, other.at)
				&& Objects.equals(this.scores, other.scores) && Objects.equals(this.label, other.label)
				&& Objects.equals(this.modelVersion, other.modelVersion);
	}
}
