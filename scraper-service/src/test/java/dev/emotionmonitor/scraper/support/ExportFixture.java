package dev.emotionmonitor.scraper.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds DiscordChatExporter JSON exports as the tool writes them: string ids, timestamps with the exporter's local
 * offset (+09:00), authors with name and nickname, replies with {@code reference}, edits, a bot and system messages,
 * and some 5F reflections. Every human message's text is unique (it carries its number).
 */
public final class ExportFixture {

	public static final String GUILD_ID = "1100000000000000001";

	public static final String CHANNEL_ID = "1100000000000000002";

	public static final Instant START = Instant.parse("2026-09-07T00:00:00Z");

	private static final String[] LINES = { "오늘 과제 끝내서 뿌듯했다", "코드 리뷰 받고 좀 속상했다", "내일 발표가 걱정된다",
			"팀원이 내 의견을 무시해서 서운했다", "질문에 대답을 못해서 창피했다", "버그 때문에 짜증이 났다", "점심 같이 드실 분?",
			"배포 끝! 다들 고생하셨어요", "테스트가 계속 깨져서 불안하다", "멘토님 피드백 덕분에 좋았다" };

	private static final String[][] AUTHORS = { { "200000000000000001", "minji", "민지" },
			{ "200000000000000002", "seojun", "서준" }, { "200000000000000003", "jiwoo", "지우" },
			{ "200000000000000004", "hayoon", null }, { "200000000000000005", "dohyun", "도현" },
			{ "200000000000000006", "yuna", "유나" } };

	private final List<Map<String, Object>> messages = new ArrayList<>();

	private Instant after;

	private Instant before;

	private int humans;

	private int reflections;

	private ExportFixture() {
	}

	/** {@code count} messages over ten weeks; every 10th is a 5F reflection, every 25th from a bot, every 40th a join. */
	public static ExportFixture of(int count, long seed) {
		ExportFixture fixture = new ExportFixture();
		Random random = new Random(seed);
		long span = ChronoUnit.SECONDS.between(START, START.plus(70, ChronoUnit.DAYS));
		long step = span / Math.max(1, count);
		for (int i = 0; i < count; i++) {
			Instant at = START.plusSeconds(i * step + random.nextInt((int) Math.max(1, step / 2)));
			fixture.add(i, at, random);
		}
		return fixture;
	}

	private void add(int i, Instant at, Random random) {
		Map<String, Object> message = new LinkedHashMap<>();
		String id = snowflake(at, i);
		message.put("id", id);
		String type = "Default";
		Map<String, Object> author;
		String content;
		if (i % 40 == 39) {
			type = "GuildMemberJoin";
			author = author(AUTHORS[i % AUTHORS.length], false);
			content = "Joined the server.";
		}
		else if (i % 25 == 24) {
			author = new LinkedHashMap<>(Map.of("id", "300000000000000001", "name", "standup-bot", "discriminator",
					"0000", "nickname", "Standup Bot", "isBot", true));
			content = "⏰ 회고 작성 시간입니다 #" + i;
		}
		else if (i % 10 == 3) {
			author = author(AUTHORS[i % AUTHORS.length], false);
			content = reflection(i);
			humans++;
			reflections++;
		}
		else {
			author = author(AUTHORS[random.nextInt(AUTHORS.length)], false);
			content = LINES[random.nextInt(LINES.length)] + " (#" + i + ")";
			humans++;
			if (i % 7 == 5 && !messages.isEmpty()) {
				type = "Reply";
				message.put("reference", Map.of("messageId", messages.get(messages.size() - 1).get("id"), "channelId",
						CHANNEL_ID, "guildId", GUILD_ID));
			}
		}
		message.put("type", type);
		message.put("timestamp", at.atOffset(ZoneOffset.ofHours(9)).toString());
		message.put("timestampEdited",
				i % 13 == 6 ? at.plusSeconds(120).atOffset(ZoneOffset.ofHours(9)).toString() : null);
		message.put("callEndedTimestamp", null);
		message.put("isPinned", false);
		message.put("content", content);
		message.put("author", author);
		message.put("attachments", List.of());
		message.put("embeds", List.of());
		message.put("stickers", List.of());
		message.put("reactions", List.of());
		message.put("mentions", List.of());
		messages.add(message);
	}

	public static String reflection(int i) {
		return "**사실**: " + i + "번째 주 미니 프로젝트를 배포했다\n**느낌**: 드디어 끝나서 뿌듯했다 (" + i
				+ ")\n**교훈**: 배포 체크리스트가 필요하다 (" + i + ")\n**향후 행동**: 모니터링 대시보드 만들기 (" + i + ")";
	}

	private static Map<String, Object> author(String[] author, boolean bot) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("id", author[0]);
		value.put("name", author[1]);
		value.put("discriminator", "0000");
		value.put("nickname", author[2] != null ? author[2] : author[1]);
		value.put("color", null);
		value.put("isBot", bot);
		value.put("roles", List.of());
		value.put("avatarUrl", "https://cdn.discordapp.com/avatars/" + author[0] + "/a.png");
		return value;
	}

	/** A snowflake whose time part is {@code at}: {@code (ms − 1420070400000) << 22}, plus a sequence number. */
	public static String snowflake(Instant at, int sequence) {
		return Long.toString(((at.toEpochMilli() - 1420070400000L) << 22) | (sequence & 0xFFF));
	}

	/** The date range the export says it was made for ({@code --after} / {@code --before}; null: not set). */
	public ExportFixture dateRange(Instant after, Instant before) {
		this.after = after;
		this.before = before;
		return this;
	}

	/** The time of message {@code index}. */
	public Instant at(int index) {
		return OffsetDateTime.parse((String) messages.get(index).get("timestamp")).toInstant();
	}

	public List<Map<String, Object>> messages() {
		return messages;
	}

	/** Indexes of the human messages that are not reflections: plain chat lines. */
	public List<Integer> chatLines() {
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			if (i % 40 != 39 && i % 25 != 24 && i % 10 != 3) {
				indexes.add(i);
			}
		}
		return indexes;
	}

	/** Human messages of type Default or Reply: the ones that are classified. */
	public int humans() {
		return humans;
	}

	public int reflections() {
		return reflections;
	}

	public String json() {
		return json(CHANNEL_ID, "weekly-reflection");
	}

	/** The export as if made of another channel (the messages are the same). */
	public String json(String channelId, String channelName) {
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("guild", Map.of("id", GUILD_ID, "name", "부트캠프 7기", "iconUrl", "https://cdn.discordapp.com/x.png"));
		export.put("channel", Map.of("id", channelId, "type", "GuildTextChat", "categoryId", "1100000000000000003",
				"category", "회고", "name", channelName, "topic", "매주 5F 회고"));
		Map<String, Object> range = new LinkedHashMap<>();
		range.put("after", after == null ? null : after.atOffset(ZoneOffset.ofHours(9)).toString());
		range.put("before", before == null ? null : before.atOffset(ZoneOffset.ofHours(9)).toString());
		export.put("dateRange", range);
		export.put("exportedAt", "2026-11-20T21:00:00.000+09:00");
		export.put("messages", messages);
		export.put("messageCount", messages.size());
		return JsonMapper.builder().build().writeValueAsString(export);
	}
}
