package dev.emotionmonitor.scraper.message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.data.mongodb.core.query.Criteria.where;

@RestController
@RequestMapping("/messages")
class MessageController {

	private final ReactiveMongoTemplate mongo;

	MessageController(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Messages, newest first. {@code channel} matches a channel id or name, {@code author} an author id, user name
	 * or display name; {@code from} (inclusive) and {@code to} (exclusive) take an ISO instant or a date (UTC).
	 */
	@GetMapping
	Mono<ItemPage<MessageView>> list(@RequestParam(required = false) String channel,
			@RequestParam(required = false) String author, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(name = "source_id", required = false) String sourceId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		ItemPage.check(page, size, 500);
		List<Criteria> filters = new ArrayList<>();
		if (channel != null && !channel.isBlank()) {
			String name = channel.startsWith("#") ? channel.substring(1) : channel;
			filters.add(new Criteria().orOperator(where("channelId").is(channel), where("channelName").is(name)));
		}
		if (author != null && !author.isBlank()) {
			String id = author.startsWith("discord:") ? author.substring("discord:".length()) : author;
			filters.add(new Criteria().orOperator(where("authorId").is(id), where("authorName").is(author),
					where("authorDisplayName").is(author)));
		}
		if (sourceId != null && !sourceId.isBlank()) {
			filters.add(where("sourceId").is(sourceId));
		}
		Instant start = instant("from", from, false);
		Instant end = instant("to", to, true);
		if (start != null && end != null && !start.isBefore(end)) {
			throw Problems.badRequest("from (" + start + ") must be before to (" + end + ")");
		}
		if (start != null || end != null) {
			Criteria time = where("timestamp");
			if (start != null) {
				time = time.gte(start);
			}
			if (end != null) {
				time = time.lt(end);
			}
			filters.add(time);
		}
		Query query = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
		return mongo.count(query, ChatMessage.class)
			.zipWith(mongo
				.find(Query.of(query)
					.with(Sort.by(Sort.Direction.DESC, "timestamp", "_id"))
					.skip((long) page * size)
					.limit(size), ChatMessage.class)
				.map(MessageView::of)
				.collectList())
			.map(t -> new ItemPage<>(t.getT2(), page, size, t.getT1()));
	}

	/** One message by its chat message id. */
	@GetMapping("/{messageId}")
	Mono<MessageView> get(@PathVariable String messageId) {
		return mongo.findOne(new Query(where("messageId").is(messageId)), ChatMessage.class)
			.map(MessageView::of)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No message with id " + messageId)));
	}

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static Instant instant(String name, String value, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (DATE.matcher(value).matches()) {
				LocalDate date = LocalDate.parse(value);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest(name + " must be an ISO-8601 instant such as 2026-11-02T09:00:00Z or a date "
					+ "such as 2026-11-02, got \"" + value + "\"");
		}
	}
}
