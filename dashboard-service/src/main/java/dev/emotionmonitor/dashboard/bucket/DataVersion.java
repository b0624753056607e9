package dev.emotionmonitor.dashboard.bucket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** A counter and timestamp bumped by every write that changes data: the basis of export ETags and Last-Modified. */
@Component
public class DataVersion {

	private static final String COLLECTION = "dashboard_state";

	private static final Query DATA = Query.query(Criteria.where("_id").is("data"));

	private final ReactiveMongoTemplate mongo;

	DataVersion(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Void> bump() {
		return this.mongo.upsert(DATA, new Update().inc("version", 1L).set("updatedAt", new Date()), COLLECTION).then();
	}

	public Mono<Version> current() {
		return this.mongo.findOne(DATA, Document.class, COLLECTION)
			.map(document -> new Version(((Number) document.get("version")).longValue(),
					document.getDate("updatedAt").toInstant().truncatedTo(ChronoUnit.SECONDS)))
			.defaultIfEmpty(new Version(0, Instant.EPOCH));
	}

	public record Version(long version, Instant updatedAt) {
	}
}
