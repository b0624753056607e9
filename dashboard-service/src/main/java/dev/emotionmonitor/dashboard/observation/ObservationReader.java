package dev.emotionmonitor.dashboard.observation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.dashboard.bucket.BucketKey;

/** Turns a request body (one object or an array) into observations, or refuses the whole body with what to fix. */
@Component
class ObservationReader {

	static final String SELF = "self";

	private static final int MAX_TEXT = 512;

	/** Scores are probabilities: they sum to 1 within this much (rounding in the sender). */
	private static final double SUM_TOLERANCE = 1e-3;

	private final ObjectMapper json;

	ObservationReader(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * The observations in {@code body}. A member (not an admin or service) writes only its own history: its
	 * observations are stored under source {@value #SELF}, as its member id (or one of its chat identities) and the
	 * name in its token; naming another member is refused.
	 */
	List<Observation> read(JsonNode body, int maxBatch, Instant now, Caller caller) {
		if (body == null || body.isNull() || body.isMissingNode()) {
			throw Problems.badRequest("The body must be one observation object or an array of them.");
		}
		List<JsonNode> nodes = new ArrayList<>();
		if (body.isArray()) {
			body.forEach(nodes::add);
			if (nodes.isEmpty()) {
				throw Problems.badRequest("The array holds no observations.");
			}
		}
		else if (body.isObject()) {
			nodes.add(body);
		}
		else {
			throw Problems.badRequest("The body must be one observation object or an array of them.");
		}
		if (nodes.size() > maxBatch) {
			throw Problems.of(HttpStatus.CONTENT_TOO_LARGE,
					"At most " + maxBatch + " observations per request; this one has " + nodes.size() + ".");
		}
		List<Observation> observations = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			observations.add(read(nodes.get(i), i, body.isArray(), now, caller));
		}
		return observations;
	}

	/**
	 * The messages named by a withdrawal body, {@code {"items":[{"source":"discord","message_id":"..."}]}}, at most
	 * {@code maxBatch} of them; one bad item refuses the whole body, naming it.
	 */
	List<MessageRef> withdrawals(JsonNode body, int maxBatch) {
		if (body == null || !body.isObject() || !body.path("items").isArray()) {
			throw Problems.badRequest(
					"The body must be {\"items\": [{\"source\": \"discord\", \"message_id\": \"...\"}, ...]}.");
		}
		JsonNode items = body.get("items");
		if (items.isEmpty()) {
			throw Problems.badRequest("The items array names no messages.");
		}
		if (items.size() > maxBatch) {
			throw Problems.of(HttpStatus.CONTENT_TOO_LARGE,
					"At most " + maxBatch + " messages per withdrawal; this one has " + items.size() + ".");
		}
		List<MessageRef> messages = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			String where = "item [" + i + "]";
			if (!item.isObject()) {
				throw invalid(where, "must be a JSON object with source and message_id", i);
			}
			messages.add(new MessageRef(text(item, "source", where, i), text(item, "message_id", where, i)));
		}
		return messages;
	}

	private static String text(JsonNode item, String field, String where, int index) {
		JsonNode value = item.get(field);
		if (value != null && !value.isNull() && !value.isString()) {
			throw invalid(where, "has a " + field + " that is not a string (ids are strings end to end)", index);
		}
		return required(value == null || value.isNull() ? null : value.asString(), field, where, index);
	}

	private Observation read(JsonNode node, int index, boolean inArray, Instant now, Caller caller) {
		String where = inArray ? "observation [" + index + "]" : "observation";
		if (!node.isObject()) {
			throw invalid(where, "must be a JSON object", index);
		}
		ObservationRequest request;
		try {
			request = this.json.treeToValue(node, ObservationRequest.class);
		}
		catch (JacksonException ex) {
			throw invalid(where, "has a field of the wrong type (" + firstLine(ex.getOriginalMessage()) + ")", index);
		}
		String messageId = required(request.messageId(), "message_id", where, index);
		String source;
		String memberId;
		String memberName;
		if (caller.privileged()) {
			source = required(request.source(), "source", where, index);
			memberId = required(request.memberId(), "member_id", where, index);
			memberName = request.memberName() == null || request.memberName().isBlank() ? memberId : request.memberName().trim();
		}
		else {
			String named = request.memberId() == null || request.memberId().isBlank() ? null : request.memberId().trim();
			if (named != null && !caller.is(named)) {
				throw Problems.forbidden("A member may only log their own observations; member_id " + named
						+ " is not yours.");
			}
			source = SELF;
			memberId = named != null ? named : caller.memberId();
			memberName = caller.name() == null || caller.name().isBlank() ? memberId : caller.name();
		}
		String channel = required(request.channel(), "channel", where, index);
		// without an id the name is the id, as for observations stored before channels had ids
		String channelId = request.channelId() == null || request.channelId().isBlank() ? channel
				: required(request.channelId(), "channel_id", where, index);
		String guild = request.guild() == null || request.guild().isBlank() ? null
				: required(request.guild(), "guild", where, index);
		// a thread or forum post names its parent channel; as for channels, a parent sent by name only takes it as id
		String parentChannel = request.parentChannel() == null || request.parentChannel().isBlank() ? null
				: required(request.parentChannel(), "parent_channel", where, index);
		String parentChannelId = request.parentChannelId() == null || request.parentChannelId().isBlank() ? parentChannel
				: required(request.parentChannelId(), "parent_channel_id", where, index);
		if (parentChannelId != null && parentChannel == null) {
			parentChannel = parentChannelId;
		}
		if (channelId.equals(parentChannelId)) {
			// a channel is not its own parent: keep it an ordinary channel
			parentChannelId = null;
			parentChannel = null;
		}
		if (BucketKey.ALL.equals(memberId) || BucketKey.ALL.equals(channelId) || BucketKey.ALL.equals(parentChannelId)) {
			throw invalid(where,
					"uses \"*\" as member_id, channel_id or parent_channel_id; it stands for all of them and cannot name one",
					index);
		}
		String section = request.section() == null ? "" : request.section().trim();
		if (memberName.length() > MAX_TEXT || section.length() > MAX_TEXT) {
			throw invalid(where, "has a member_name or section longer than " + MAX_TEXT + " characters", index);
		}
		Instant at = instant(required(request.at(), "at", where, index), where, index);
		Map<String, Double> scores = scores(request.scores(), where, index);
		String label = request.label();
		if (label == null || label.isBlank()) {
			label = topLabel(scores);
		}
		else if (Emotion.byId(label.trim()).isEmpty()) {
			throw invalid(where, "has label \"" + label + "\"; use one of " + String.join(", ", Emotion.ids()), index);
		}
		return new Observation(Observation.idOf(source, memberId, messageId, section), source, messageId, section, memberId,
				memberName, channelId, channel, guild, parentChannelId, parentChannel, at, scores, label.trim(),
				request.modelVersion(), now);
	}

	private static String required(String value, String field, String where, int index) {
		if (value == null || value.isBlank()) {
			throw invalid(where, "lacks " + field, index);
		}
		if (value.length() > MAX_TEXT) {
			throw invalid(where, "has a " + field + " longer than " + MAX_TEXT + " characters", index);
		}
		return value.trim();
	}

	private static Instant instant(String value, String where, int index) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw invalid(where, "has at \"" + value + "\"; use ISO-8601 with a zone, e.g. 2026-11-23T09:15:00Z", index);
		}
	}

	private static Map<String, Double> scores(Map<String, Double> scores, String where, int index) {
		if (scores == null) {
			throw invalid(where, "lacks scores (" + String.join(", ", Emotion.ids()) + ")", index);
		}
		Map<String, Double> ordered = new LinkedHashMap<>();
		for (Emotion emotion : Emotion.ALL) {
			Double score = scores.get(emotion.id());
			if (score == null || score.isNaN() || score < 0 || score > 1) {
				throw invalid(where, "needs scores." + emotion.id() + " between 0 and 1", index);
			}
			ordered.put(emotion.id(), score);
		}
		double sum = ordered.values().stream().mapToDouble(Double::doubleValue).sum();
		if (Math.abs(sum - 1) > SUM_TOLERANCE) {
			throw invalid(where, "has scores that sum to " + sum + "; the six are probabilities and sum to 1", index);
		}
		for (String key : scores.keySet()) {
			if (Emotion.byId(key).isEmpty()) {
				throw invalid(where, "has an unknown score \"" + key + "\"; the six are " + String.join(", ", Emotion.ids()), index);
			}
		}
		return ordered;
	}

	private static String topLabel(Map<String, Double> scores) {
		Emotion best = Emotion.ANGER;
		for (Emotion emotion : Emotion.ALL) {
			if (scores.get(emotion.id()) > scores.get(best.id())) {
				best = emotion;
			}
		}
		return best.id();
	}

	private static ErrorResponseException invalid(String where, String problem, int index) {
		return Problems.of(HttpStatus.BAD_REQUEST, where + " " + problem + "; nothing was stored.", Map.of("index", index));
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable value";
		}
		int newline = message.indexOf('\n');
		return newline > 0 ? message.substring(0, newline) : message;
	}
}
