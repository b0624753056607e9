package dev.emotionmonitor.dashboard.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.dashboard.ApiTestSupport;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Figures that drifted from the observations (a crash between the observation write and the bucket increments)
 * come back exact: at start from the ingest journal, or on demand through {@code POST /admin/rebuild}.
 */
class BucketRepairTest extends ApiTestSupport {

	@Autowired
	private ReactiveMongoTemplate mongo;

	@Autowired
	private IngestRecovery recovery;

	@Test
	void rebuildRecomputesBucketsThatNoLongerMatchTheObservations() {
		store(team("repair-rebuild", "2018-02-06T01:00:00Z", "sadness"));
		distribution("repair-rebuild", "2018-02-05").jsonPath("$.n").isEqualTo(6);

		this.mongo.updateMulti(Query.query(Criteria.where("channel").is("repair-rebuild")),
				new Update().inc("n", 7).inc("labels.sadness", 7), "buckets").block();
		distribution("repair-rebuild", "2018-02-05").jsonPath("$.n").isEqualTo(13);

		this.client.post().uri("/admin/rebuild")
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-1", null, ""))
			.exchange()
			.expectStatus().isForbidden();
		this.client.post().uri("/admin/rebuild")
			.header(HttpHeaders.AUTHORIZATION, bearer("admin", "gw-admin", null, ""))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.observations").value(count -> org.assertj.core.api.Assertions
				.assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(6));

		distribution("repair-rebuild", "2018-02-05").jsonPath("$.n").isEqualTo(6)
			.jsonPath("$.emotions[1].n").isEqualTo(6)
			.jsonPath("$.members").isEqualTo(6);
	}

	@Test
	void aBatchCutShortAfterItsObservationsWereWrittenIsCountedAtTheNextStart() {
		store(team("repair-journal", "2018-05-08T01:00:00Z", "joy"));
		// what a crash leaves: six more observations stored, their journal entry open, no bucket counting them
		List<Observation> uncounted = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Observation observation = new Observation(null, "discord", "cut-" + i, "feeling", "discord:9" + i, "멤버" + i,
					"repair-journal", "repair-journal", null, null, null, Instant.parse("2018-05-09T01:00:00Z"), scores("anxiety"), "anxiety", "test-1",
					Instant.now());
			uncounted.add(observation.withCurrentId());
		}
		this.mongo.insertAll(uncounted).collectList().block();
		this.mongo.insert(new IngestJournal.Entry("cut-short", Instant.parse("2018-05-09T01:00:00Z"),
				Instant.parse("2018-05-09T01:00:00Z"), Instant.now(), null, null)).block();
		distribution("repair-journal", "2018-05-07").jsonPath("$.n").isEqualTo(6);

		this.recovery.afterSingletonsInstantiated();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.count(new Query(), IngestJournal.Entry.class).block() == 0);
		distribution("repair-journal", "2018-05-07").jsonPath("$.n").isEqualTo(12)
			.jsonPath("$.emotions[2].n").isEqualTo(6)
			.jsonPath("$.emotions[5].n").isEqualTo(6);
		post(uncounted.stream().map(BucketRepairTest::request).toList()).expectStatus().isOk()
			.expectBody().jsonPath("$.unchanged").isEqualTo(6);
		distribution("repair-journal", "2018-05-07").jsonPath("$.n").isEqualTo(12);
	}

	@Test
	void observationsStoredUnderTheOldIdWithoutTheMemberGetTheNewOneAndTheirChannelNameAsChannelId() {
		Document old = new Document("_id", "discord|1600000000000000001|feeling").append("source", "discord")
			.append("messageId", "1600000000000000001")
			.append("section", "feeling")
			.append("memberId", "discord:501")
			.append("memberName", "바다")
			.append("channel", "repair-ids")
			.append("at", java.util.Date.from(Instant.parse("2018-08-07T01:00:00Z")))
			.append("scores", new Document(scores("hurt")))
			.append("label", "hurt");
		this.mongo.insert(old, "observations").block();

		this.recovery.afterSingletonsInstantiated();

		String current = "discord|discord:501|1600000000000000001|feeling";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.findById(current, Document.class, "observations").blockOptional()
				.map(migrated -> "repair-ids".equals(migrated.getString("channelId")))
				.orElse(false));
		org.assertj.core.api.Assertions
			.assertThat(this.mongo.findById(old.getString("_id"), Document.class, "observations").blockOptional())
			.isEmpty();
	}

	/** Six members of one channel, one observation each, all with the same label. */
	private static List<Map<String, Object>> team(String channel, String at, String label) {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int member = 1; member <= 6; member++) {
			batch.add(observation("discord", channel + "-" + member, channel + ":" + member, "멤버" + member, channel, at,
					label));
		}
		return batch;
	}

	private static Map<String, Object> request(Observation observation) {
		Map<String, Object> request = observation("discord", observation.messageId(), observation.memberId(),
				observation.memberName(), observation.channel(), observation.at().toString(), observation.label());
		request.put("section", observation.section());
		return request;
	}

	private WebTestClient.BodyContentSpec distribution(String channel, String monday) {
		java.time.LocalDate from = java.time.LocalDate.parse(monday);
		return this.client.get()
			.uri("/distribution?from=" + from + "&to=" + from.plusDays(6) + "&channel=" + channel)
			.exchange()
			.expectStatus().isOk()
			.expectBody();
	}
}
