package dev.emotionmonitor.dashboard.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.emotionmonitor.dashboard.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A member writes only its own history; a message id seen in the channel does not let it replace anyone's row. */
class ObservationOwnershipTest extends ApiTestSupport {

	private static final String CHANNEL = "ownership";

	@Test
	void aMemberWhoReusesAnotherMembersMessageIdAddsItsOwnRowAndLeavesTheirsAlone() {
		post(observation("discord", "1500000000000000001", "discord:401", "가람", CHANNEL, "2019-04-02T01:00:00Z", "joy"))
			.expectStatus().isOk();

		Map<String, Object> forged = observation("discord", "1500000000000000001", "discord:401", "가람", CHANNEL,
				"2019-04-02T01:00:00Z", "anger");
		asMember(forged).expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("discord:401"));

		forged.remove("member_id");
		asMember(forged).expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);

		memberDistribution("discord:401").jsonPath("$.n").isEqualTo(1)
			.jsonPath("$.emotions[5].n").isEqualTo(1)
			.jsonPath("$.emotions[0].n").isEqualTo(0);
		memberDistribution("gw-402").jsonPath("$.n").isEqualTo(1).jsonPath("$.emotions[0].n").isEqualTo(1);
	}

	@Test
	void aMembersOwnObservationTakesItsChatIdentityButNotTheNameOrSourceItSends() {
		Map<String, Object> own = observation("discord", "page-9", "discord:402", "someone else", CHANNEL,
				"2019-04-09T01:00:00Z", "hurt");
		asMember(own).expectStatus().isOk();
		this.client.get()
			.uri("/exports/observations.json?from=2019-04-08&to=2019-04-14&member=discord:402")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].source").isEqualTo("self")
			.jsonPath("$.data[0].member_name").isEqualTo("나루");
	}

	@Test
	void scoresAreSixProbabilitiesThatSumToOne() {
		Map<String, Object> observation = observation("discord", "1500000000000000003", "discord:403", "다온", CHANNEL,
				"2019-04-16T01:00:00Z", "joy");
		Map<String, Double> scores = new LinkedHashMap<>(scores("joy"));
		scores.put("joy", 0.9);
		observation.put("scores", scores);
		post(observation).expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("sum to 1"));

		scores.put("joy", 0.7505);
		post(observation).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec asMember(Object body) {
		return this.client.post().uri("/observations")
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-402", "나루", "discord:402"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.BodyContentSpec memberDistribution(String member) {
		return this.client.get().uri("/distribution?from=2019-04-01&to=2019-04-07&member=" + member)
			.exchange()
			.expectStatus().isOk()
			.expectBody();
	}
}
