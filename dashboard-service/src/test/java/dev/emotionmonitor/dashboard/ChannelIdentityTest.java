package dev.emotionmonitor.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels are known by their id: two guilds' channels of the same name stay apart, a rename keeps the history, a
 * Discord channel id filters, exports carry it; the team figure is suppressed when a channel's figure would give away
 * the few other members by subtraction; the members table opens on the latest week with data; threads and forum posts
 * are listed under their parent channel.
 */
@SuppressWarnings("unchecked")
class ChannelIdentityTest extends ApiTestSupport {

	private static final String BOOTCAMP = "discord:222222222222222201";

	private static final String STUDY = "discord:333333333333333301";

	@Test
	void channelsAreKeptApartByIdAndKeepTheirHistoryThroughARename() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int m = 1; m <= 5; m++) {
			batch.add(in(BOOTCAMP, "주간회고", "부트캠프 7기", "w1-a" + m, "discord:71" + m, "2015-03-03T01:00:00Z", "joy"));
			batch.add(in(STUDY, "주간회고", "스터디", "w1-b" + m, "discord:72" + m, "2015-03-03T02:00:00Z", "anger"));
			batch.add(in(BOOTCAMP, "회고-7기", "부트캠프 7기", "w3-a" + m, "discord:71" + m, "2015-03-17T01:00:00Z", "sadness"));
		}
		batch.add(observation("discord", "legacy-1", "discord:730", "옛날", "legacy-2015", "2015-03-04T01:00:00Z", "hurt"));
		store(batch);

		Map<String, Object> channels = this.client.get().uri("/channels").exchange().expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody();
		List<Map<String, Object>> items = (List<Map<String, Object>>) channels.get("items");
		assertThat(items).filteredOn(c -> BOOTCAMP.equals(c.get("channel_id"))).singleElement()
			.satisfies(c -> assertThat(c).containsEntry("channel", "회고-7기").containsEntry("guild", "부트캠프 7기")
				.containsEntry("label", "부트캠프 7기 / #회고-7기"));
		assertThat(items).filteredOn(c -> STUDY.equals(c.get("channel_id"))).singleElement()
			.satisfies(c -> assertThat(c).containsEntry("channel", "주간회고").containsEntry("label", "스터디 / #주간회고"));
		assertThat(items).as("without channel_id the name is the id")
			.anyMatch(c -> "legacy-2015".equals(c.get("channel_id")) && "legacy-2015".equals(c.get("channel")));

		this.client.get().uri("/timeline?grain=week&from=2015-03-02&to=2015-03-22&channel=" + BOOTCAMP).exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.items[0].n").isEqualTo(5)
			.jsonPath("$.items[0].emotions[5].n").isEqualTo(5)
			.jsonPath("$.items[2].n").isEqualTo(5) // the renamed channel: the same history
			.jsonPath("$.items[2].emotions[1].n").isEqualTo(5);
		this.client.get().uri("/distribution?from=2015-03-02&to=2015-03-08&channel=" + STUDY).exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.n").isEqualTo(5)
			.jsonPath("$.emotions[0].n").isEqualTo(5);

		String csv = this.client.get().uri("/exports/observations.csv?from=2015-03-02&to=2015-03-22&channel=" + BOOTCAMP)
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(csv.split("\r\n")).hasSize(11)
			.contains("discord,w1-a1,feeling,discord:711,멤버,discord:222222222222222201,주간회고,부트캠프 7기,"
					+ "2015-03-03T01:00:00Z,2015-03-03,joy,기쁨,0.05,0.05,0.05,0.05,0.05,0.75,test-1,");
		String weekly = this.client.get().uri("/exports/weekly.csv?from=2015-03-02&to=2015-03-22&channel=" + BOOTCAMP)
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(weekly).contains("2015-03-02,discord:222222222222222201,회고-7기,joy,5,")
			.contains("2015-03-16,discord:222222222222222201,회고-7기,sadness,5,");
	}

	@Test
	void threadsAndForumPostsAreListedRightAfterTheirParentChannelAndExportsNameTheParent() {
		String parent = "discord:666666666666666601";
		String thread = "discord:666666666666666602";
		String forumPost = "discord:666666666666666604";
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int m = 1; m <= 5; m++) {
			batch.add(in(parent, "회고", "스레드 서버", "th-p" + m, "discord:78" + m, "2013-04-02T01:00:00Z", "joy"));
			Map<String, Object> inThread = in(thread, "3주차 회고 스레드", "스레드 서버", "th-t" + m, "discord:78" + m,
					"2013-04-03T01:00:00Z", "sadness");
			inThread.put("parent_channel_id", parent);
			inThread.put("parent_channel", "회고");
			batch.add(inThread);
		}
		// a forum post: its forum has no messages of its own
		Map<String, Object> post = in(forumPost, "질문 있어요", "스레드 서버", "th-f1", "discord:781", "2013-04-04T01:00:00Z",
				"anxiety");
		post.put("parent_channel_id", "discord:666666666666666603");
		post.put("parent_channel", "질문-포럼");
		batch.add(post);
		store(batch);

		List<Map<String, Object>> items = (List<Map<String, Object>>) this.client.get().uri("/channels").exchange()
			.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
		List<String> ids = items.stream().map(c -> (String) c.get("channel_id")).toList();
		assertThat(ids.indexOf(thread)).as("the thread right after its parent").isEqualTo(ids.indexOf(parent) + 1);
		assertThat(items).filteredOn(c -> parent.equals(c.get("channel_id"))).singleElement()
			.satisfies(c -> assertThat(c).doesNotContainKeys("parent_channel_id", "parent_channel"));
		assertThat(items).filteredOn(c -> thread.equals(c.get("channel_id"))).singleElement()
			.satisfies(c -> assertThat(c).containsEntry("parent_channel_id", parent)
				.containsEntry("parent_channel", "회고")
				.containsEntry("channel", "3주차 회고 스레드")
				.containsEntry("label", "스레드 서버 / #회고 › 3주차 회고 스레드"));
		assertThat(items).filteredOn(c -> forumPost.equals(c.get("channel_id"))).singleElement()
			.satisfies(c -> assertThat(c).containsEntry("parent_channel_id", "discord:666666666666666603")
				.containsEntry("parent_channel", "질문-포럼"));

		String csv = this.client.get().uri("/exports/observations.csv?from=2013-04-01&to=2013-04-07&channel=" + thread)
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(csv.split("\r\n")[0]).endsWith(",model_version,parent_channel_id");
		assertThat(csv.split("\r\n")).hasSize(6).allSatisfy(line -> assertThat(line).endsWith(
				line.startsWith("source,") ? "parent_channel_id" : ",test-1," + parent));
		String weekly = this.client.get().uri("/exports/weekly.csv?from=2013-04-01&to=2013-04-07").exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(weekly).startsWith("period_start,channel_id,channel,emotion,n,mean_score,emotion_ko,parent_channel_id\r\n")
			.contains("2013-04-01," + thread + ",3주차 회고 스레드,sadness,5,0.75,슬픔," + parent + "\r\n")
			.contains("2013-04-01," + parent + ",회고,joy,5,0.75,기쁨,\r\n");
	}

	@Test
	void theTeamFigureIsSuppressedWhenAVisibleChannelLeavesFewerThanKOthers() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int m = 1; m <= 5; m++) {
			batch.add(in("discord:444444444444444401", "큰방", null, "sub-a" + m, "discord:74" + m, "2015-06-02T01:00:00Z", "joy"));
		}
		// one member elsewhere: the team (6 members) minus the big channel (5) would be that one member's figures
		batch.add(in("discord:444444444444444402", "작은방", null, "sub-b1", "discord:750", "2015-06-02T02:00:00Z", "hurt"));
		store(batch);

		this.client.get().uri("/distribution?from=2015-06-01&to=2015-06-07&channel=discord:444444444444444401").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.suppressed").isEqualTo(false)
			.jsonPath("$.n").isEqualTo(5);
		this.client.get().uri("/distribution?from=2015-06-01&to=2015-06-07").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.suppressed").isEqualTo(true)
			.jsonPath("$.n").doesNotExist();
		this.client.get().uri("/timeline?grain=week&from=2015-06-01&to=2015-06-07").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.items[0].suppressed").isEqualTo(true);
		this.client.get().uri("/negative-share?from=2015-06-01&to=2015-06-07").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.current.suppressed").isEqualTo(true);
		String weekly = this.client.get().uri("/exports/weekly.csv?from=2015-06-01&to=2015-06-07&channel=*").exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(weekly.split("\r\n")).as("header only").hasSize(1);
		this.client.get().uri("/digest?week=2015-06-03").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.team.suppressed").isEqualTo(true);
	}

	@Test
	void theMembersTableOpensOnTheLatestWeekWithDataAndSaysWhyWhenThereIsNone() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int m = 1; m <= 5; m++) {
			batch.add(in("discord:555555555555555501", "최근", null, "latest-" + m, "discord:76" + m, "2015-09-08T01:00:00Z",
					"anxiety"));
		}
		store(batch);

		get("/members?to=2015-10-31&channel=discord:555555555555555501").expectStatus().isOk().expectBody()
			.jsonPath("$.week_start").isEqualTo("2015-09-07")
			.jsonPath("$.items.length()").isEqualTo(5)
			.jsonPath("$.note").doesNotExist();
		get("/members?to=2014-12-31&channel=discord:555555555555555501").expectStatus().isOk().expectBody()
			.jsonPath("$.items.length()").isEqualTo(0)
			.jsonPath("$.note").value(note -> assertThat((String) note).contains("No observations"));
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, bearer("admin", "gw-admin", null, ""))
			.exchange();
	}

	private static Map<String, Object> in(String channelId, String channel, String guild, String messageId, String memberId,
			String at, String label) {
		Map<String, Object> observation = observation("discord", messageId, memberId, "멤버", channel, at, label);
		observation.put("channel_id", channelId);
		if (guild != null) {
			observation.put("guild", guild);
		}
		return observation;
	}
}
