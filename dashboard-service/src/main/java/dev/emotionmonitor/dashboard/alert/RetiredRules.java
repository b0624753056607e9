package dev.emotionmonitor.dashboard.alert;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * At start, closes the open alerts of {@value #MEMBER_STREAK}, the rule {@link MemberShift} replaced: it fired for
 * nearly every member, and its alerts would otherwise stay open on the page forever. They are acknowledged, not
 * deleted, so their history stays readable with {@code status=all}.
 */
@Component
class RetiredRules implements SmartInitializingSingleton {

	static final String MEMBER_STREAK = "member_negative_streak";

	static final String RETIRED = "rule retired";

	private static final Logger log = LoggerFactory.getLogger(RetiredRules.class);

	private final ReactiveMongoTemplate mongo;

	RetiredRules(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Query open = Query.query(Criteria.where("rule").is(MEMBER_STREAK).and("status").is(Alert.OPEN));
		Update close = new Update().set("status", Alert.ACKNOWLEDGED)
			.set("acknowledgedAt", Instant.now())
			.set("acknowledgedBy", RETIRED);
		Long closed = this.mongo.updateMulti(open, close, Alert.COLLECTION)
			.map(result -> result.getModifiedCount())
			.block();
		if (closed != null && closed > 0) {
			log.info("Closed {} open alerts of the retired rule {}", closed, MEMBER_STREAK);
		}
	}
}
