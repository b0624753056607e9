package dev.emotionmonitor.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small DiscordChatExporter JSON export of a team's retrospective channel, dated in the last few days. */
final class DiscordExportFixture {

	static final String CHANNEL_ID = "1200000000000000042";

	static final String CHANNEL_NAME = "weekly-retro";

	static final List<String> AUTHORS = List.of("민지", "준호", "서연", "도윤", "하은", "지훈");

	static final List<String> TEXTS = List.of(
			"이번 주 회고\n사실: 팀 프로젝트 배포를 마쳤다.\n느낌: 마감 직전까지 불안했지만 끝나고 나니 정말 뿌듯하고 기뻤다.\n교훈: 일정을 미리 나눠야 한다.\n향후 행동: 다음 주엔 테스트를 먼저 쓰겠다.",
			"코드 리뷰에서 같은 지적을 세 번째 받았어요. 제가 뭘 해도 안 되는 것 같아서 너무 속상해요.",
			"발표 도중에 화면 공유가 꺼져서 다들 저만 쳐다보는데 얼굴이 화끈거렸어요.",
			"다음 주 면접이 계속 신경 쓰여서 잠이 안 와요. 떨어지면 어떡하죠.",
			"팀원이 제 코드를 말도 없이 다 갈아엎었어요. 진짜 어이가 없네요.",
			"멘토님이 제 포트폴리오를 칭찬해 주셨어요! 오늘 하루가 너무 행복해요.");

	private static final Instant NEWEST = Instant.now().truncatedTo(ChronoUnit.MINUTES);

	private DiscordExportFixture() {
	}

	static String messageId(int index) {
		return String.valueOf(snowflake(timestamp(index)));
	}

	static Map<String, Object> export() {
		List<Map<String, Object>> messages = new ArrayList<>();
		for (int i = 0; i < TEXTS.size(); i++) {
			Map<String, Object> author = new LinkedHashMap<>();
			author.put("id", String.valueOf(900000000000000000L + i));
			author.put("name", "member" + i);
			author.put("discriminator", "0000");
			author.put("nickname", AUTHORS.get(i));
			author.put("isBot", false);
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("id", messageId(i));
			message.put("type", "Default");
			message.put("timestamp", timestamp(i).atOffset(ZoneOffset.ofHours(9)).toString());
			message.put("timestampEdited", null);
			message.put("isPinned", false);
			message.put("content", TEXTS.get(i));
			message.put("author", author);
			message.put("attachments", List.of());
			message.put("reactions", List.of());
			message.put("mentions", List.of());
			messages.add(message);
		}
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("guild", Map.of("id", "1100000000000000042", "name", "부트캠프 5기", "iconUrl", ""));
		export.put("channel", Map.of("id", CHANNEL_ID, "type", "GuildTextChat", "category", "회고", "name",
				CHANNEL_NAME, "topic", ""));
		export.put("dateRange", Map.of());
		export.put("exportedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		export.put("messages", messages);
		export.put("messageCount", messages.size());
		return export;
	}

	private static Instant timestamp(int index) {
		return NEWEST.minus(Duration.ofHours(TEXTS.size() - index));
	}

	/** Discord snowflake of a moment: milliseconds since the Discord epoch, shifted left 22 bits. */
	private static long snowflake(Instant at) {
		return (at.toEpochMilli() - 1420070400000L) << 22;
	}
}
