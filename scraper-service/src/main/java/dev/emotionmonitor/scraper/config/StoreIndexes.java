package dev.emotionmonitor.scraper.config;

import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.run.ScrapeRun;
import reactor.core.publisher.Flux;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/** The few indexes the queries need; kept few because every index slows the embedded store's inserts. */
@Configuration(proxyBeanMethods = false)
class StoreIndexes {

	StoreIndexes(ReactiveMongoTemplate mongo) {
		Flux.concat(
				mongo.indexOps(ChatMessage.class)
					.createIndex(new Index().on("channelId", Direction.ASC).on("timestamp", Direction.DESC)),
				mongo.indexOps(ChatMessage.class).createIndex(new Index().on("timestamp", Direction.DESC)),
				// the message is its own outbox: the worker claims by delivery state and next attempt, runs count theirs
				mongo.indexOps(ChatMessage.class)
					.createIndex(new Index().on("delivery", Direction.ASC).on("outbox.nextAttemptAt", Direction.ASC)),
				mongo.indexOps(ChatMessage.class).createIndex(new Index().on("outbox.run", Direction.ASC)),
				mongo.indexOps(ScrapeRun.class).createIndex(new Index().on("sourceId", Direction.ASC)))
			.blockLast();
	}
}
