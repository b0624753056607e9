package dev.emotionmonitor.dashboard.config;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Indexes for MongoDB proper. Dashboard reads fetch buckets by id; these serve the message-level exports (time order,
 * per member, per channel), withdrawals (by message id) and the alert list.
 */
@Component
class MongoIndexes {

	private final ReactiveMongoTemplate mongo;

	MongoIndexes(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@EventListener(ApplicationReadyEvent.class)
	void create() {
		this.mongo.indexOps("observations")
			.createIndex(new Index().on("at", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("at_id"))
			.then(this.mongo.indexOps("observations")
				.createIndex(new Index().on("memberId", Sort.Direction.ASC).on("at", Sort.Direction.ASC).named("member_at")))
			.then(this.mongo.indexOps("observations")
				.createIndex(new Index().on("channel", Sort.Direction.ASC).on("at", Sort.Direction.ASC).named("channel_at")))
			.then(this.mongo.indexOps("observations")
				.createIndex(new Index().on("channelId", Sort.Direction.ASC).on("at", Sort.Direction.ASC).named("channel_id_at")))
			// withdrawals name messages by source and id, without the member
			.then(this.mongo.indexOps("observations")
				.createIndex(new Index().on("messageId", Sort.Direction.ASC).on("source", Sort.Direction.ASC).named("message")))
			.then(this.mongo.indexOps("alerts")
				.createIndex(new Index().on("status", Sort.Direction.ASC).named("status")))
			.block();
	}
}
