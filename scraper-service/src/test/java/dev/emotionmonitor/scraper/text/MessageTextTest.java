package dev.emotionmonitor.scraper.text;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The normaliser on one markup kind at a time: what goes in raw, what is kept as the person's words. */
class MessageTextTest {

	static final MessageText.Mentions MENTIONS = new MessageText.Mentions(
			Map.of("123456789012345678", "민지", "223456789012345678", "Alex Kim"), Map.of("323456789012345678", "멘토"),
			Map.of("423456789012345678", "weekly-reflection"));

	static Stream<Arguments> table() {
		return Stream.of(
				// emoji and emoticons are the feeling itself
				arguments("발표 끝! 😭🔥🔥", "발표 끝! 😭🔥🔥"),
				arguments("오늘도 실패 <:blobsad:987654321098765432> <a:party_parrot:987654321098765433>",
						"오늘도 실패 :blobsad: :party_parrot:"),
				arguments("ㅠㅠ 너무 힘들다 ㅋㅋ :) ^_^ T_T ㅠ_ㅠ -_- *^^* :D", "ㅠㅠ 너무 힘들다 ㅋㅋ :) ^_^ T_T ㅠ_ㅠ -_- ^^ :D"),
				arguments("^_^ 좋아 ^_^", "^_^ 좋아 ^_^"),
				// mentions, resolved or unknown
				arguments("<@123456789012345678> 고마워요 <@!223456789012345678>", "@민지 고마워요 @Alex Kim"),
				arguments("<@&323456789012345678> 질문 있어요, <#423456789012345678> 에 올렸어요",
						"@멘토 질문 있어요, #weekly-reflection 에 올렸어요"),
				arguments("<@999999999999999999> <@&999999999999999998> <#999999999999999997> @everyone",
						"@unknown @unknown #unknown @everyone"),
				// timestamps in Seoul time, every style
				arguments("마감 <t:1700000000:R>", "마감 2023-11-15 07:13"),
				arguments("<t:1700000000> <t:1700000000:f> <t:1700000000:F>", "2023-11-15 07:13 2023-11-15 07:13 2023-11-15 07:13"),
				arguments("<t:1700000000:t> <t:1700000000:T> <t:1700000000:d> <t:1700000000:D>",
						"07:13 07:13:20 2023-11-15 2023-11-15"),
				// markdown markers go, words stay
				arguments("**정말** 기뻤다 __밑줄__ *기울임* _기울임2_ ~~취소~~ ***굵게기울임***",
						"정말 기뻤다 밑줄 기울임 기울임2 취소 굵게기울임"),
				arguments("# 제목\n## 사실\n### 작은 제목\n-# 작은 글씨", "제목\n사실\n작은 제목\n작은 글씨"),
				arguments("- 첫째\n* 둘째\n  - 들여쓴 셋째\n1. 번호는 남는다", "첫째\n둘째\n들여쓴 셋째\n1. 번호는 남는다"),
				arguments("[회고 문서](https://example.org/a_b_c) 봐주세요 [여기](<https://example.org/x>)",
						"회고 문서 봐주세요 여기"),
				arguments("링크 https://example.org/snake_case_path*x* 그대로", "링크 https://example.org/snake_case_path*x* 그대로"),
				arguments("<https://example.org/no_embed> 참고", "https://example.org/no_embed 참고"),
				arguments("스포: ||범인은 나였다|| 😅", "스포: 범인은 나였다 😅"),
				arguments("\\*\\*별표\\*\\* 그대로", "**별표** 그대로"),
				arguments("</회고:1234567890> 명령 써보세요", "/회고 명령 써보세요"),
				arguments("5*3*2 = 30, snake_case_name", "5*3*2 = 30, snake_case_name"),
				// code and quotes are not the writer's words
				arguments("에러가 났다 ㅠㅠ\n```java\nException in thread \"main\" java.lang.NullPointerException\n\tat Foo.bar(Foo.java:3)\n```\n결국 고쳤다!",
						"에러가 났다 ㅠㅠ\n결국 고쳤다!"),
				arguments("`npm test` 가 또 실패 ``a ` b`` 했다", "가 또 실패 했다"),
				arguments("> 오늘 너무 힘들었어요\n저도요 ㅠㅠ", "저도요 ㅠㅠ"),
				arguments("동의합니다\n>>> 긴 인용\n여러 줄\n모두 인용", "동의합니다"),
				arguments(">_< 부끄럽다", ">_< 부끄럽다"),
				// nothing of the person's left
				arguments("```\nonly code\n```", ""), arguments("> only a quote", ""), arguments("", ""),
				arguments(null, ""),
				// a reflection keeps its lines, so sections are still found
				arguments("**사실**: API를 완성했다\n**느낌**: 뿌듯했다 😊\n\n\n**교훈**: 작게 나누자",
						"사실: API를 완성했다\n느낌: 뿌듯했다 😊\n\n교훈: 작게 나누자"),
				arguments("  여러   칸   띄어쓰기  \r\n줄바꿈 ", "여러 칸 띄어쓰기\n줄바꿈"));
	}

	@ParameterizedTest
	@MethodSource("table")
	void keepsWhatThePersonWrote(String raw, String expected) {
		assertThat(MessageText.normalise(raw, MENTIONS)).isEqualTo(expected);
	}

	@Test
	void withoutMentionListsEveryMentionIsUnknown() {
		assertThat(MessageText.normalise("<@123456789012345678> 안녕")).isEqualTo("@unknown 안녕");
	}

	@Test
	void longWallsStayLinearAndNeverOverflow() throws InterruptedException {
		String[] walls = { "*".repeat(8000), "_".repeat(8000), "**a ".repeat(2000), "||".repeat(4000),
				"`".repeat(8000), "<".repeat(8000), "[a](".repeat(2000), "<@1".repeat(2000), "😭".repeat(4000) };
		java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
		Thread thread = new Thread(null, () -> {
			try {
				for (String wall : walls) {
					assertThat(MessageText.normalise(wall + " 끝", MENTIONS)).endsWith("끝");
				}
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "small-stack", 256 * 1024);
		long start = System.nanoTime();
		thread.start();
		thread.join(20_000);
		assertThat(thread.isAlive()).isFalse();
		assertThat(failure.get()).isNull();
		assertThat(System.nanoTime() - start).as("nanoseconds for all walls").isLessThan(10_000_000_000L);
		assertThat(MessageText.normalise("😭".repeat(4000), MENTIONS)).isEqualTo("😭".repeat(4000));
		assertThat(MessageText.normalise("> ".repeat(4000) + "끝", MENTIONS)).as("one long quote line").isEmpty();
	}
}
