package dev.emotionmonitor.dashboard.alert;


import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import dev.emotionmonitor.dashboard.ApiTestSupport;

/** Open alerts of the old streak rule, which fired for everyone, no longer show as open after a start. */
class RetiredRulesTest extends ApiTestSupport {

	@Autowired
	private ReactiveMongoTemplate mongo;

	@Autowired
	private RetiredRules retiredRules;

	@Test
	void openStreakAlertsAreClosedAtStart() {
		this.mongo.insert(new Document("_id", "old-streak-1").append("rule", "member_negative_streak")
			.append("zone", "Asia/Seoul").append("weekStart", "2014-03-03").append("channel", "*")
			.append("channels", java.util.List.of("retired-rule")).append("memberId", "discord:1401")
			.append("status", "open").append("message", "3주 연속 부정 감정이 우세합니다")
			.append("values", new Document()).append("updatedAt", new java.util.Date()), "alerts").block();

		this.retiredRules.afterSingletonsInstantiated();

		this.client.get().uri("/alerts?status=open&channel=retired-rule").exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
		this.client.get().uri("/alerts/old-streak-1").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("acknowledged")
			.jsonPath("$.acknowledged_by").isEqualTo("rule retired");
	}
}
