package dev.emotionmonitor.scraper.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpExchange;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.FakeClassifier;
import dev.emotionmonitor.scraper.support.FakeDashboard;
import dev.emotionmonitor.scraper.support.FakeDiscord;
import dev.emotionmonitor.scraper.support.LoopbackServer;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;

import static dev.emotionmonitor.scraper.support.ScraperClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each source end to end with the outbox on, against a classifier and a dashboard behind a gateway-like router: what
 * is stored ({@code content_raw}, {@code text}) and what reaches the classifier for a web page with emoji images,
 * custom emoji and mentions, bot-API content with every markup kind in a thread, DiscordChatExporter exports of a
 * thread and a forum post, and a zip of three channel exports. Messages with nothing of the person's own (an
 * attachment, a sticker, only code or a quote) are stored and never classified; threads reach the dashboard under
 * their parent channel.
 */
class SourceTextTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant AT = Instant.parse("2026-10-05T01:00:00Z");

	@AutoClose
	static final FakeDiscord discord = new FakeDiscord(50, 1000);

	@AutoClose
	static final Page page = new Page();

	static {
		discord.start();
		page.start();
	}

	@AutoClose
	static final ScraperClient.WithOutbox outbox = new ScraperClient.WithOutbox(
			"--emotion.scraper.discord.api-url=" + discord.url(), "--emotion.scraper.discord.bot-token=" + FakeDiscord.TOKEN,
			"--emotion.scraper.web.poll-interval=40ms");

	static final FakeClassifier classifier = outbox.classifier;

	static final FakeDashboard dashboard = outbox.dashboard;

	static final ScraperClient scraper = outbox.client;

	@Test
	void webPageGivesEmojiImagesCustomEmojiAndMentionsAsText() {
		String sourceId = scraper.createSource(Map.of("name", "web text", "kind", "web", "url", page.url() + Page.PATH,
				"channel_name", "weekly-reflection"));
		JsonNode run = scraper.awaitRun(scraper.startRun(sourceId));
		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
		assertThat(run.path("new").asLong()).isEqualTo(Page.ITEMS.length);

		for (String[] item : Page.ITEMS) {
			JsonNode stored = awaitStored(item[0]);
			assertThat(stored.path("content_raw").asString()).as("raw of %s", item[0]).isEqualTo(item[2]);
			assertThat(stored.path("text").asString()).as("text of %s", item[0]).isEqualTo(item[3]);
		}
		assertClassified(Page.ITEMS[0][0], "발표 끝! 😭 🔥🔥");
		assertClassified(Page.ITEMS[1][0], "오늘도 실패 :blobsad: ㅠㅠ");
		assertClassified(Page.ITEMS[2][0], "@민지 고마워요 #weekly-reflection 에 올렸어요 @멘토");
		assertClassified(Page.ITEMS[3][0], "저도요 ㅠㅠ 또 실패");
		assertSkipped(Page.ITEMS[4][0]);
		assertSkipped(Page.ITEMS[5][0]);
	}

	@Test
	void apiContentWithEveryMarkupKindInAThreadIsClassifiedAsWords() {
		String parent = "920000000000000001";
		String thread = "920000000000000002";
		discord.channelInfo(parent, Map.of("id", parent, "type", 0, "guild_id", FakeDiscord.GUILD_ID, "name",
				"weekly-reflection"));
		discord.channelInfo(thread, Map.of("id", thread, "type", 11, "guild_id", FakeDiscord.GUILD_ID, "name",
				"3주차 회고", "parent_id", parent));
		discord.roles(List.of(Map.of("id", "323456789012345678", "name", "멘토")));
		List<Map<String, Object>> messages = new ArrayList<>();
		Map<String, Object> minji = Map.of("id", "123456789012345678", "username", "minji", "global_name", "김민지",
				"member", Map.of("nick", "민지"));
		messages.add(api(0, "**정말** 기뻤다 <@123456789012345678> 고마워요 <:blobhappy:987654321098765432> "
				+ "<t:1700000000:R> ||비밀|| ~~취소~~ __밑줄__ *기울임* [문서](https://example.org/a_b)", List.of(minji),
				List.of(), List.of(), List.of()));
		messages.add(api(1, "# 회고\n- <@&323456789012345678> 님 <#920000000000000001> 확인 부탁\n> 인용된 남의 말\n"
				+ "```\nat Foo.bar(Foo.java:3)\n```\n`npm test` 끝 ㅠㅠ", List.of(), List.of("323456789012345678"),
				List.of(), List.of()));
		messages.add(api(2, "", List.of(), List.of(), List.of(Map.of("id", "1", "filename", "photo.png")),
				List.of()));
		messages.add(api(3, "", List.of(), List.of(), List.of(), List.of(Map.of("id", "2", "name", "wave"))));
		messages.add(api(4, "<@999999999999999999> 누구세요 :)\n>>> 인용\n여러 줄", List.of(), List.of(), List.of(),
				List.of()));
		messages.add(api(5, "**사실**: 발표를 끝냈다\n**느낌**: 뿌듯했다 😊\n**교훈**: 연습이 답이다\n**향후 행동**: 더 연습하기",
				List.of(), List.of(), List.of(), List.of()));
		discord.addRaw(thread, messages);

		String sourceId = scraper.createSource(Map.of("name", "api text", "kind", "discord-api", "channel_id", thread));
		JsonNode run = scraper.awaitRun(scraper.startRun(sourceId));
		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
		assertThat(run.path("new").asLong()).isEqualTo(6);

		String[] texts = { "정말 기뻤다 @민지 고마워요 :blobhappy: 2023-11-15 07:13 비밀 취소 밑줄 기울임 문서",
				"회고\n@멘토 님 #weekly-reflection 확인 부탁\n끝 ㅠㅠ", "", "", "@unknown 누구세요 :)",
				"사실: 발표를 끝냈다\n느낌: 뿌듯했다 😊\n교훈: 연습이 답이다\n향후 행동: 더 연습하기" };
		for (int i = 0; i < messages.size(); i++) {
			String id = (String) messages.get(i).get("id");
			JsonNode stored = awaitStored(id);
			assertThat(stored.path("content_raw").asString()).isEqualTo(messages.get(i).get("content"));
			assertThat(stored.path("text").asString()).as("text of message %d", i).isEqualTo(texts[i]);
			assertThat(stored.path("channel_id").asString()).isEqualTo(thread);
			assertThat(stored.path("parent_channel_id").asString()).isEqualTo(parent);
			assertThat(stored.path("parent_channel_name").asString()).isEqualTo("weekly-reflection");
			if (texts[i].isEmpty()) {
				assertSkipped(id);
			}
			else {
				assertClassified(id, texts[i]);
			}
		}
		String reflection = (String) messages.get(5).get("id");
		JsonNode stored = awaitStored(reflection);
		assertThat(stored.path("sections").valueStream().map(s -> s.path("text").asString()).toList())
			.containsExactly("발표를 끝냈다", "뿌듯했다 😊", "연습이 답이다", "더 연습하기");
		assertThat(classifier.answered()).containsKeys("발표를 끝냈다", "뿌듯했다 😊", "연습이 답이다", "더 연습하기");

		JsonNode observation = awaitObservation((String) messages.get(0).get("id"));
		assertThat(observation.path("channel_id").asString()).isEqualTo("discord:" + thread);
		assertThat(observation.path("channel").asString()).isEqualTo("3주차 회고");
		assertThat(observation.path("parent_channel_id").asString()).isEqualTo("discord:" + parent);
		assertThat(observation.path("parent_channel").asString()).isEqualTo("weekly-reflection");
	}

	@Test
	void exportsOfAThreadAndAForumPostKnowTheirParentChannel() {
		String thread = export(channel("930000000000000011", "GuildPublicThread", "930000000000000001",
				"weekly-reflection", "3주차 회고 스레드"), List.of(
						dce(0, "@민지 고마워요 :blobsad: **진짜** 힘들었다 ㅠㅠ", List.of(), List.of()),
						dce(1, "<@200000000000000002> 도 고생했어 ^_^", List.of(Map.of("id", "200000000000000002",
								"name", "seojun", "nickname", "서준")), List.of()),
						dce(2, "", List.of(), List.of(Map.of("id", "3", "url", "https://cdn/x.png", "fileName",
								"x.png")))));
		String forum = export(channel("930000000000000012", "GuildForum", "930000000000000002", "회고-포럼",
				"민지의 회고"), List.of(dce(3, "## 이번 주\n- 배포 성공 🎉\n```\nnpm run deploy\n```", List.of(), List.of())));
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		ScraperClient.addFile(body, "thread.json", thread.getBytes(StandardCharsets.UTF_8));
		ScraperClient.addFile(body, "forum.json", forum.getBytes(StandardCharsets.UTF_8));
		JsonNode answer = scraper.upload(body, "");
		assertThat(answer.path("items").size()).as(answer.toString()).isEqualTo(2);
		answer.path("items").forEach(run -> assertThat(run.path("status").asString()).isEqualTo("succeeded"));

		String[][] expected = { { id(0), "@민지 고마워요 :blobsad: **진짜** 힘들었다 ㅠㅠ", "@민지 고마워요 :blobsad: 진짜 힘들었다 ㅠㅠ" },
				{ id(1), "<@200000000000000002> 도 고생했어 ^_^", "@서준 도 고생했어 ^_^" }, { id(2), "", "" },
				{ id(3), "## 이번 주\n- 배포 성공 🎉\n```\nnpm run deploy\n```", "이번 주\n배포 성공 🎉" } };
		for (String[] message : expected) {
			JsonNode stored = awaitStored(message[0]);
			assertThat(stored.path("content_raw").asString()).isEqualTo(message[1]);
			assertThat(stored.path("text").asString()).isEqualTo(message[2]);
			if (message[2].isEmpty()) {
				assertSkipped(message[0]);
			}
			else {
				assertClassified(message[0], message[2]);
			}
		}
		JsonNode inThread = awaitStored(id(0));
		assertThat(inThread.path("channel_id").asString()).isEqualTo("930000000000000011");
		assertThat(inThread.path("parent_channel_id").asString()).isEqualTo("930000000000000001");
		assertThat(inThread.path("parent_channel_name").asString()).isEqualTo("weekly-reflection");
		JsonNode post = awaitObservation(id(3));
		assertThat(post.path("channel_id").asString()).isEqualTo("discord:930000000000000012");
		assertThat(post.path("channel").asString()).isEqualTo("민지의 회고");
		assertThat(post.path("parent_channel_id").asString()).isEqualTo("discord:930000000000000002");
		assertThat(post.path("parent_channel").asString()).isEqualTo("회고-포럼");
	}

	@Test
	void aZipOfThreeChannelExportsIsOneRunPerChannelReportedTogether() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int c = 0; c < 3; c++) {
				String channelId = "94000000000000000" + c;
				zip.putNextEntry(new ZipEntry("부트캠프 7기/channel-" + c + ".json"));
				zip.write(export(channel(channelId, "GuildTextChat", "940000000000000099", "회고 카테고리",
						"채널-" + c), List.of(dce(10 + 2 * c, "채널 " + c + " 첫 글 <:blobhappy:1> **좋았다**", List.of(),
								List.of()), dce(11 + 2 * c, "> 인용만\n```\ncode only\n```", List.of(), List.of())))
					.getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
			zip.putNextEntry(new ZipEntry("부트캠프 7기/channel-0.json_Files/photo.png"));
			zip.write(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
			zip.closeEntry();
		}
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		ScraperClient.addFile(body, "guild.zip", bytes.toByteArray());
		JsonNode answer = scraper.upload(body, "");
		assertThat(answer.path("items").size()).as(answer.toString()).isEqualTo(3);
		assertThat(answer.path("items").valueStream().map(run -> run.path("source_id").asString()).distinct().count())
			.as("a source per channel").isEqualTo(3);
		for (JsonNode run : answer.path("items")) {
			assertThat(run.path("status").asString()).isEqualTo("succeeded");
			assertThat(run.path("new").asLong()).isEqualTo(2);
		}
		for (int c = 0; c < 3; c++) {
			JsonNode stored = awaitStored(id(10 + 2 * c));
			assertThat(stored.path("channel_id").asString()).isEqualTo("94000000000000000" + c);
			assertThat(stored.path("content_raw").asString()).isEqualTo("채널 " + c + " 첫 글 <:blobhappy:1> **좋았다**");
			assertThat(stored.path("text").asString()).isEqualTo("채널 " + c + " 첫 글 :blobhappy: 좋았다");
			assertThat(stored.path("parent_channel_id").isMissingNode()).as("an ordinary channel has no parent").isTrue();
			assertClassified(id(10 + 2 * c), "채널 " + c + " 첫 글 :blobhappy: 좋았다");
			JsonNode quoteAndCode = awaitStored(id(11 + 2 * c));
			assertThat(quoteAndCode.path("text").asString()).isEmpty();
			assertSkipped(id(11 + 2 * c));
		}
		assertThat(awaitObservation(id(10)).path("parent_channel_id").isMissingNode()).isTrue();

		// a bad entry refuses the whole zip, naming the entry, and starts nothing
		ByteArrayOutputStream broken = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(broken)) {
			zip.putNextEntry(new ZipEntry("good.json"));
			zip.write(export(channel("950000000000000001", "GuildTextChat", null, null, "good"),
					List.of(dce(40, "좋아요", List.of(), List.of()))).getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("bad.json"));
			zip.write("{\"channel\": {\"id\": 5}, \"messages\": []}".getBytes(StandardCharsets.UTF_8));
		}
		MultipartBodyBuilder bad = new MultipartBodyBuilder();
		ScraperClient.addFile(bad, "bad.zip", broken.toByteArray());
		JsonNode problem = scraper.postImport(bad, "")
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_REQUEST)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("detail").asString()).startsWith("bad.json: channel.id must be a Discord id");
		scraper.http().get().uri("/messages/" + id(40)).exchange().expectStatus().isNotFound();
	}

	// --- helpers ---

	private static String id(int n) {
		return ExportFixture.snowflake(AT.plusSeconds(60L * n), n);
	}

	private static Map<String, Object> api(int n, String content, List<Map<String, Object>> mentions,
			List<String> roles, List<Map<String, Object>> attachments, List<Map<String, Object>> stickers) {
		Instant at = AT.plusSeconds(3600L + 60L * n);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", ExportFixture.snowflake(at, 100 + n));
		message.put("type", 0);
		message.put("author", Map.of("id", "500000000000000001", "username", "user1", "global_name", "사용자1"));
		message.put("content", content);
		message.put("timestamp", at.toString().replace("Z", "+00:00"));
		message.put("edited_timestamp", null);
		message.put("mentions", mentions);
		message.put("mention_roles", roles);
		message.put("attachments", attachments);
		message.put("embeds", List.of());
		if (!stickers.isEmpty()) {
			message.put("sticker_items", stickers);
		}
		return message;
	}

	private static Map<String, Object> channel(String id, String type, String categoryId, String category,
			String name) {
		Map<String, Object> channel = new LinkedHashMap<>();
		channel.put("id", id);
		channel.put("type", type);
		channel.put("categoryId", categoryId);
		channel.put("category", category);
		channel.put("name", name);
		channel.put("topic", null);
		return channel;
	}

	private static Map<String, Object> dce(int n, String content, List<Map<String, Object>> mentions,
			List<Map<String, Object>> attachments) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", id(n));
		message.put("type", "Default");
		message.put("timestamp", AT.plusSeconds(60L * n).atOffset(java.time.ZoneOffset.ofHours(9)).toString());
		message.put("timestampEdited", null);
		message.put("isPinned", false);
		message.put("content", content);
		message.put("author", Map.of("id", "200000000000000001", "name", "minji", "discriminator", "0000", "nickname",
				"민지", "isBot", false));
		message.put("attachments", attachments);
		message.put("embeds", List.of());
		message.put("stickers", List.of());
		message.put("reactions", List.of());
		message.put("mentions", mentions);
		return message;
	}

	private static String export(Map<String, Object> channel, List<Map<String, Object>> messages) {
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("guild", Map.of("id", "1100000000000000001", "name", "부트캠프 7기", "iconUrl", ""));
		export.put("channel", channel);
		export.put("dateRange", Map.of());
		export.put("messages", messages);
		export.put("messageCount", messages.size());
		return JSON.writeValueAsString(export);
	}

	private static JsonNode awaitStored(String messageId) {
		JsonNode[] message = new JsonNode[1];
		await("message " + messageId + " is stored and through the outbox", () -> {
			message[0] = scraper.http().get().uri("/messages/" + messageId).exchange().returnResult(JsonNode.class)
				.getResponseBody().blockFirst(Duration.ofSeconds(10));
			String delivery = message[0] == null ? null : message[0].path("delivery").asString(null);
			return "delivered".equals(delivery) || "skipped".equals(delivery) || "failed".equals(delivery);
		});
		return message[0];
	}

	/** The message's text, exactly, went to the classifier and the message was delivered. */
	private static void assertClassified(String messageId, String text) {
		JsonNode stored = awaitStored(messageId);
		assertThat(stored.path("delivery").asString()).as("delivery of %s", messageId).isEqualTo("delivered");
		assertThat(classifier.answered()).as("the classifier got the text of %s", messageId).containsKey(text);
		assertThat(classifier.answered().keySet()).as("no markup, mention id, code or quote reached the classifier")
			.noneMatch(t -> t.contains("<@") || t.contains("<#") || t.contains("<t:") || t.contains("**")
					|| t.contains("```") || t.contains("npm test") || t.contains("Foo.bar") || t.contains("인용"));
	}

	/** Stored, never classified, never observed. */
	private static void assertSkipped(String messageId) {
		JsonNode stored = awaitStored(messageId);
		assertThat(stored.path("delivery").asString()).as("delivery of %s", messageId).isEqualTo("skipped");
		assertThat(stored.path("label").isMissingNode()).isTrue();
		assertThat(dashboard.observations()).doesNotContainKey(FakeDashboard.key("discord", messageId, "whole"));
	}

	private static JsonNode awaitObservation(String messageId) {
		String key = FakeDashboard.key("discord", messageId, "whole");
		await("the observation of " + messageId, () -> dashboard.observations().containsKey(key));
		return dashboard.observations().get(key);
	}

	/** A Discord-like channel page: emoji as images, custom emoji, mentions, a quote, code and an attachment. */
	static final class Page extends LoopbackServer {

		static final String PATH = "/channels/910000000000000001/910000000000000002";

		/** id, content HTML, raw content read, text kept. */
		static final String[][] ITEMS = {
				{ "1230000000000000001", "발표 끝! <img class=\"emoji\" alt=\"😭\" src=\"/e/1f62d.svg\" draggable=\"false\"> "
						+ "<img class=\"emoji\" alt=\"🔥\" src=\"/e/1f525.svg\"><img class=\"emoji\" alt=\"🔥\" src=\"/e/1f525.svg\">",
						"발표 끝! 😭 🔥🔥", "발표 끝! 😭 🔥🔥" },
				{ "1230000000000000002", "오늘도 실패 <img class=\"emoji\" alt=\":blobsad:\" data-name=\":blobsad:\" "
						+ "src=\"https://cdn.discordapp.com/emojis/987654321098765432.webp?size=48\"> ㅠㅠ",
						"오늘도 실패 :blobsad: ㅠㅠ", "오늘도 실패 :blobsad: ㅠㅠ" },
				{ "1230000000000000003", "<span class=\"mention wrapper_a1 interactive\" role=\"button\">@민지</span> 고마워요 "
						+ "<span class=\"channelMention interactive\" role=\"link\"><span class=\"channelWithIcon\">"
						+ "<svg width=\"12\" height=\"12\"></svg><span class=\"name_b2\">weekly-reflection</span></span></span>"
						+ " 에 올렸어요 <span class=\"roleMention_c3\">@멘토</span>",
						"@민지 고마워요 #weekly-reflection 에 올렸어요 @멘토", "@민지 고마워요 #weekly-reflection 에 올렸어요 @멘토" },
				{ "1230000000000000004", "<div class=\"blockquoteContainer_d4\"><div class=\"blockquoteDivider_e5\"></div>"
						+ "<blockquote>너무 힘들었어요</blockquote></div>저도요 ㅠㅠ <code class=\"inline\">npm test</code> 또 실패",
						"> 너무 힘들었어요\n저도요 ㅠㅠ `npm test` 또 실패", "저도요 ㅠㅠ 또 실패" },
				{ "1230000000000000005", "<pre><code class=\"hljs\">Exception in thread \"main\"\n  at Foo.bar(Foo.java:3)</code></pre>",
						"```\nException in thread \"main\"\n  at Foo.bar(Foo.java:3)\n```", "" },
				{ "1230000000000000006", "", "", "" } };

		@Override
		protected void handle(HttpExchange exchange) throws IOException {
			if (!exchange.getRequestURI().getPath().equals(PATH)) {
				send(exchange, 404, "text/plain", "not found");
				return;
			}
			StringBuilder items = new StringBuilder();
			for (int i = 0; i < ITEMS.length; i++) {
				String id = ITEMS[i][0];
				String at = AT.plusSeconds(30L * i).toString();
				items.append("<li id=\"chat-messages-910000000000000002-").append(id).append("\">")
					.append("<img class=\"avatar_a1\" src=\"https://cdn.discordapp.com/avatars/410000000000000001/a.webp\">")
					.append("<h3><span id=\"message-username-").append(id).append("\">김민지</span> <time datetime=\"")
					.append(at).append("\">오늘</time></h3>")
					.append("<div id=\"message-content-").append(id).append("\" class=\"markup_b3\">")
					.append(ITEMS[i][1]).append("</div>");
				if (i == ITEMS.length - 1) {
					items.append("<div class=\"attachment_f6\"><img class=\"image_g7\" alt=\"photo.png\" "
							+ "src=\"https://cdn.discordapp.com/attachments/1/2/photo.png\"></div>");
				}
				items.append("</li>\n");
			}
			send(exchange, 200, "text/html; charset=utf-8", """
					<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>#weekly-reflection</title></head>
					<body><div class="scroller_f1" style="height:700px;overflow-y:auto"><ol>
					<div class="emptyChannel_t1"><h1>Welcome to #weekly-reflection!</h1></div>
					%s</ol></div></body></html>
					""".formatted(items));
		}
	}
}
