package dev.emotionmonitor.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class ObservationApiTest extends ApiTestSupport {

	private static final String CHANNEL = "ingest-team";

	@Test
	void oneObjectOrAnArrayIsStoredOnceAndResendingReplacesTheOldScoresInTheBuckets() {
		post(observation("discord", "1300000000000000001", "discord:101", "가은", CHANNEL, "2020-03-03T01:00:00Z", "joy"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.received").isEqualTo(1).jsonPath("$.created").isEqualTo(1);

		List<Map<String, Object>> batch = new ArrayList<>();
		batch.add(observation("discord", "1300000000000000001", "discord:101", "가은", CHANNEL, "2020-03-03T01:00:00Z", "joy"));
		for (int member = 2; member <= 5; member++) {
			batch.add(observation("discord", "130000000000000000" + member, "discord:10" + member, "멤버" + member, CHANNEL,
					"2020-03-04T02:00:00Z", "joy"));
		}
		post(batch).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.received").isEqualTo(5)
			.jsonPath("$.created").isEqualTo(4)
			.jsonPath("$.unchanged").isEqualTo(1);

		distribution().jsonPath("$.n").isEqualTo(5)
			.jsonPath("$.members").isEqualTo(5)
			.jsonPath("$.emotions[5].emotion").isEqualTo("joy")
			.jsonPath("$.emotions[5].n").isEqualTo(5)
			.jsonPath("$.negative_share").isEqualTo(0.0);

		// the scraper re-classified one message with a new model: the old label leaves every bucket
		Map<String, Object> reclassified = observation("discord", "1300000000000000001", "discord:101", "가은", CHANNEL,
				"2020-03-03T01:00:00Z", "anger");
		post(reclassified).expectStatus().isOk().expectBody().jsonPath("$.replaced").isEqualTo(1);
		post(reclassified).expectStatus().isOk().expectBody().jsonPath("$.unchanged").isEqualTo(1);

		distribution().jsonPath("$.n").isEqualTo(5)
			.jsonPath("$.emotions[0].emotion").isEqualTo("anger")
			.jsonPath("$.emotions[0].emotion_ko").isEqualTo("분노")
			.jsonPath("$.emotions[0].n").isEqualTo(1)
			.jsonPath("$.emotions[5].n").isEqualTo(4)
			.jsonPath("$.negative_share").isEqualTo(0.2)
			.jsonPath("$.emotions[0].mean_score").isEqualTo(0.19);
		this.client.get().uri("/timeline?grain=day&from=2020-03-03&to=2020-03-04&channel=" + CHANNEL + "&member=discord:101")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items[0].period_start").isEqualTo("2020-03-03")
			.jsonPath("$.items[0].n").isEqualTo(1)
			.jsonPath("$.items[0].emotions[0].n").isEqualTo(1)
			.jsonPath("$.items[0].emotions[5].n").isEqualTo(0);
	}

	@Test
	void aBatchWithOneBadObservationIsRefusedWholeWithWhatToFix() {
		Map<String, Object> good = observation("discord", "1400000000000000001", "discord:201", "나래", "ingest-bad",
				"2020-06-02T01:00:00Z", "joy");
		Map<String, Object> bad = observation("discord", "1400000000000000002", "discord:202", "다인", "ingest-bad",
				"2020-06-02T01:00:00Z", "joy");
		@SuppressWarnings("unchecked")
		Map<String, Double> scores = (Map<String, Double>) bad.get("scores");
		scores.remove("joy");

		post(List.of(good, bad)).expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
				.contains("observation [1]").contains("scores.joy").contains("nothing was stored"))
			.jsonPath("$.index").isEqualTo(1);

		this.client.get().uri("/distribution?from=2020-06-01&to=2020-06-07&member=discord:201")
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.n").isEqualTo(0);

		post(Map.of("source", "discord")).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
				.assertThat((String) detail).contains("message_id"));
		Map<String, Object> badTime = new java.util.HashMap<>(good);
		badTime.put("at", "yesterday");
		post(badTime).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
				.assertThat((String) detail).contains("ISO-8601"));
		this.client.post().uri("/observations").contentType(MediaType.APPLICATION_JSON).bodyValue("[{\"source\": ")
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aMemberLogsOnlyTheirOwnObservationsFromThePage() {
		Map<String, Object> own = observation("web", "page-1", "discord:301", "라희", "ingest-web", "2020-09-01T01:00:00Z",
				"hurt");
		this.client.post().uri("/observations")
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-301", null, "discord:301"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(own)
			.exchange()
			.expectStatus().isOk();
		Map<String, Object> someoneElse = observation("web", "page-2", "discord:302", "마루", "ingest-web",
				"2020-09-01T01:00:00Z", "hurt");
		this.client.post().uri("/observations")
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-301", null, "discord:301"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(someoneElse)
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec distribution() {
		return this.client.get().uri("/distribution?from=2020-03-02&to=2020-03-08&channel=" + CHANNEL)
			.exchange()
			.expectStatus().isOk()
			.expectBody();
	}
}
