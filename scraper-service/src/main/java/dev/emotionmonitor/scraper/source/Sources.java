package dev.emotionmonitor.scraper.source;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Reads and writes sources. */
@Component
public class Sources {

	private final ReactiveMongoTemplate mongo;

	Sources(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Source> get(String id) {
		return mongo.findById(id, Source.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No source with id " + id)));
	}

	Mono<Source> insert(Source source) {
		return mongo.insert(source);
	}

	Flux<Source> page(int page, int size) {
		return mongo.find(new Query().with(Sort.by("createdAt", "_id")).skip((long) page * size).limit(size),
				Source.class);
	}

	Mono<Long> count() {
		return mongo.count(new Query(), Source.class);
	}

	Mono<Boolean> delete(String id) {
		return mongo.remove(new Query(where("_id").is(id)), Source.class).map(result -> result.getDeletedCount() > 0);
	}

	/** The export source of a channel, created on the first import of that channel. */
	public Mono<Source> exportSource(String guildId, String guildName, String channelId, String channelName) {
		Query query = new Query(where("kind").is(Source.DISCORD_EXPORT).and("channelId").is(channelId));
		return mongo.findOne(query, Source.class)
			.switchIfEmpty(Mono.defer(() -> mongo.insert(new Source(UUID.randomUUID().toString(),
					(guildName != null ? guildName + " / " : "") + "#" + channelName, Source.DISCORD_EXPORT, "discord",
					null, guildId, guildName, channelId, channelName, null, null, null, null, null, null, null, null,
					Instant.now()))));
	}

	public Mono<Void> recordRun(String sourceId, String runId) {
		return mongo.updateFirst(new Query(where("_id").is(sourceId)), new Update().set("lastRunId", runId), Source.class)
			.then();
	}

	public Mono<Void> recordLastMessage(String sourceId, String messageId) {
		return mongo
			.updateFirst(new Query(where("_id").is(sourceId)), new Update().set("lastMessageId", messageId), Source.class)
			.then();
	}

	public Mono<Void> recordChannel(String sourceId, String guildId, String channelName) {
		Update update = new Update();
		if (guildId != null) {
			update.set("guildId", guildId);
		}
		if (channelName != null) {
			update.set("channelName", channelName);
		}
		return update.getUpdateObject().isEmpty() ? Mono.empty()
				: mongo.updateFirst(new Query(where("_id").is(sourceId)), update, Source.class).then();
	}

	/** Sources whose scheduled time has come. */
	public Flux<Source> due(Instant now) {
		return mongo.find(new Query(where("nextRunAt").lte(now)), Source.class);
	}

	/** Moves a scheduled source to its next time after {@code after}. */
	public Mono<Void> reschedule(Source source, Instant after) {
		return mongo.updateFirst(new Query(where("_id").is(source.id())),
				new Update().set("nextRunAt", nextRun(source.schedule(), after)), Source.class).then();
	}

	static Instant nextRun(String schedule, Instant after) {
		if (schedule == null || schedule.isBlank()) {
			return null;
		}
		ZonedDateTime next = CronExpression.parse(schedule).next(after.atZone(ZoneOffset.UTC));
		return next == null ? null : next.toInstant();
	}
}
