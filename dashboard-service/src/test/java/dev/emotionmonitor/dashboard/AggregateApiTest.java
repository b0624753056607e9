package dev.emotionmonitor.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateApiTest extends ApiTestSupport {

	private static final String TEAM = "agg-team";

	private static final String SMALL = "agg-small";

	@BeforeAll
	void teamWithSixMembersAndAChannelWithTwo() {
		List<Map<String, Object>> batch = new ArrayList<>();
		// week of Mon 2024-02-26 (Asia/Seoul): five members, all joyful
		for (int m = 1; m <= 5; m++) {
			batch.add(observation("discord", "w0-" + m, "discord:100" + m, "멤버" + m, TEAM, "2024-02-27T01:00:00Z", "joy"));
		}
		// week of Mon 2024-03-04: six members, half negative. 2024-03-03T16:00Z is Monday 01:00 in Seoul.
		String[] labels = { "joy", "joy", "anxiety", "sadness", "joy", "anger" };
		for (int m = 1; m <= 6; m++) {
			batch.add(observation("discord", "w1-" + m, "discord:100" + m, "멤버" + m, TEAM,
					m == 1 ? "2024-03-03T16:00:00Z" : "2024-03-05T01:00:00Z", labels[m - 1]));
		}
		batch.add(observation("discord", "s-1", "discord:2001", "소수1", SMALL, "2024-03-05T01:00:00Z", "hurt"));
		batch.add(observation("discord", "s-2", "discord:2002", "소수2", SMALL, "2024-03-05T01:00:00Z", "joy"));
		store(batch);
	}

	@Test
	void distributionCountsAndMeansOverThePeriodInSeoulTime() {
		get("/distribution?from=2024-03-04&to=2024-03-10&channel=" + TEAM).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.zone").isEqualTo("Asia/Seoul")
			.jsonPath("$.suppressed").isEqualTo(false)
			.jsonPath("$.n").isEqualTo(6)
			.jsonPath("$.members").isEqualTo(6)
			.jsonPath("$.negative_share").isEqualTo(0.5)
			.jsonPath("$.emotions.length()").isEqualTo(6)
			.jsonPath("$.emotions[*].emotion").isEqualTo(List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy"))
			.jsonPath("$.emotions[*].emotion_ko").isEqualTo(List.of("분노", "슬픔", "불안", "상처", "당황", "기쁨"))
			.jsonPath("$.emotions[5].n").isEqualTo(3)
			.jsonPath("$.emotions[5].share").isEqualTo(0.5)
			.jsonPath("$.emotions[5].mean_score").isEqualTo(0.4);
	}

	@Test
	void weeklyTimelineHasEveryWeekOfThePeriod() {
		get("/timeline?grain=week&from=2024-02-26&to=2024-03-17&channel=" + TEAM).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.grain").isEqualTo("week")
			.jsonPath("$.items.length()").isEqualTo(3)
			.jsonPath("$.total").isEqualTo(3)
			.jsonPath("$.items[0].period_start").isEqualTo("2024-02-26")
			.jsonPath("$.items[0].n").isEqualTo(5)
			.jsonPath("$.items[0].emotions[5].n").isEqualTo(5)
			.jsonPath("$.items[1].period_start").isEqualTo("2024-03-04")
			.jsonPath("$.items[1].n").isEqualTo(6)
			.jsonPath("$.items[1].negative_share").isEqualTo(0.5)
			.jsonPath("$.items[2].n").isEqualTo(0);
		get("/timeline?grain=month&from=2024-02-01&to=2024-03-31&channel=" + TEAM).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items[0].period_start").isEqualTo("2024-02-01")
			.jsonPath("$.items[0].n").isEqualTo(5)
			.jsonPath("$.items[1].n").isEqualTo(6);
	}

	@Test
	void teamFiguresOverFewerThanFiveMembersAreSuppressedNotShownSmall() {
		get("/distribution?from=2024-03-04&to=2024-03-10&channel=" + SMALL).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.suppressed").isEqualTo(true)
			.jsonPath("$.min_members").isEqualTo(5)
			.jsonPath("$.n").doesNotExist()
			.jsonPath("$.members").doesNotExist()
			.jsonPath("$.emotions").doesNotExist();
		get("/timeline?from=2024-03-04&to=2024-03-10&channel=" + SMALL).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items[0].suppressed").isEqualTo(true)
			.jsonPath("$.items[0].n").doesNotExist();
	}

	@Test
	void negativeShareAndItsChangeAgainstThePreviousPeriod() {
		get("/negative-share?from=2024-03-04&to=2024-03-10&channel=" + TEAM).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.current.negative_share").isEqualTo(0.5)
			.jsonPath("$.previous.from").isEqualTo("2024-02-26")
			.jsonPath("$.previous.to").isEqualTo("2024-03-03")
			.jsonPath("$.previous.negative_share").isEqualTo(0.0)
			.jsonPath("$.change").isEqualTo(0.5);
	}

	@Test
	void membersTableShowsWritersOfTheWeekWithDominantEmotionAndTrend() {
		get("/members?week=2024-03-06&channel=" + TEAM, "admin", "gw-admin", "").expectStatus().isOk()
			.expectBody()
			.jsonPath("$.week_start").isEqualTo("2024-03-04")
			.jsonPath("$.restricted").isEqualTo(false)
			.jsonPath("$.participation.active_members").isEqualTo(6)
			.jsonPath("$.items.length()").isEqualTo(6)
			.jsonPath("$.items[?(@.member_id == 'discord:1003')].dominant").isEqualTo(List.of("anxiety"))
			.jsonPath("$.items[?(@.member_id == 'discord:1003')].dominant_ko").isEqualTo(List.of("불안"))
			.jsonPath("$.items[?(@.member_id == 'discord:1003')].trend").isEqualTo(List.of("worse"))
			.jsonPath("$.items[?(@.member_id == 'discord:1003')].previous_dominant").isEqualTo(List.of("joy"))
			.jsonPath("$.items[?(@.member_id == 'discord:1001')].trend").isEqualTo(List.of("steady"))
			.jsonPath("$.items[?(@.member_id == 'discord:1006')].trend").isEqualTo(List.of("new"));

		// who wrote is counted; who did not is never named
		get("/members?week=2024-02-28&channel=" + TEAM, "admin", "gw-admin", "").expectStatus().isOk()
			.expectBody()
			.jsonPath("$.participation.active_members").isEqualTo(5)
			.jsonPath("$.participation.active[*].member_id").value(ids -> assertThat((List<Object>) ids)
				.doesNotContain("discord:1006"))
			.jsonPath("$.items[*].member_id").value(ids -> assertThat((List<Object>) ids).doesNotContain("discord:1006"));
	}

	@Test
	void aMemberSeesOnlyTheirOwnRowAndHistory() {
		get("/members?week=2024-03-06&channel=" + TEAM, "member", "gw-3", "discord:1003").expectStatus().isOk()
			.expectBody()
			.jsonPath("$.restricted").isEqualTo(true)
			.jsonPath("$.participation.active_members").isEqualTo(6)
			.jsonPath("$.items.length()").isEqualTo(1)
			.jsonPath("$.items[0].member_id").isEqualTo("discord:1003");

		get("/members/discord:1003/timeline?from=2024-02-26&to=2024-03-10", "member", "gw-3", "discord:1003")
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items[1].emotions[2].n").isEqualTo(1)
			.jsonPath("$.items[1].suppressed").isEqualTo(false);
		get("/members/discord:1003/timeline?from=2024-02-26&to=2024-03-10", "member", "gw-4", "discord:1004")
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		get("/distribution?from=2024-03-04&to=2024-03-10&member=discord:1003", "member", "gw-4", "discord:1004")
			.expectStatus().isForbidden();
		get("/members/discord:1003/timeline?from=2024-02-26&to=2024-03-10", "admin", "gw-admin", "")
			.expectStatus().isOk();
	}

	@Test
	void badParametersAnswerProblemsThatSayWhatToFix() {
		get("/timeline?grain=year").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("day, week, month"));
		get("/distribution?from=2024-03-10&to=2024-03-01").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("after"));
		get("/distribution?tz=Europe/Berlin").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("Asia/Seoul"));
		get("/timeline?grain=day&from=2020-01-01&to=2024-12-31").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("coarser grain"));
	}

	@Test
	void channelsAreListed() {
		get("/channels").expectStatus().isOk().expectBody()
			.jsonPath("$.items[*].channel").value(channels -> assertThat((List<Object>) channels).contains(TEAM, SMALL));
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).exchange();
	}

	private WebTestClient.ResponseSpec get(String uri, String role, String id, String identities) {
		return this.client.get().uri(uri)
			.header(HttpHeaders.AUTHORIZATION, bearer(role, id, null, identities))
			.exchange();
	}
}
