package dev.emotionmonitor.scraper.bench;

import java.util.Map;

import dev.emotionmonitor.scraper.support.DecoratedMessages;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.text.MessageText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Microseconds per message for the text normaliser: a plain reflection, a message with every markup kind, and each
 * decoration wall at 2,000, 4,000 and 8,000 characters (linear: time doubles with the length). Run with
 * {@code ./mvnw -o -Pbench -pl scraper-service test -Dtest=MessageTextBench}.
 */
@Tag("bench")
class MessageTextBench {

	private static final MessageText.Mentions MENTIONS = new MessageText.Mentions(Map.of("1", "민지"),
			Map.of("2", "멘토"), Map.of("3", "weekly"));

	@Test
	void normalise() {
		System.out.printf("%-40s %12s%n", "message", "µs/message");
		report("5F reflection", ExportFixture.reflection(42));
		report("every markup kind", "# 회고\n**정말** 기뻤다 <@1> <@&2> <#3> <:blobhappy:9> <t:1700000000:R> ||비밀|| ~~취소~~ "
				+ "__밑줄__ *기울임* [문서](https://example.org/a_b) 😭 ㅠㅠ :)\n- 목록\n> 인용\n```\ncode\n```\n`inline` 끝");
		for (String name : DecoratedMessages.of(2_000).keySet()) {
			for (int length : new int[] { 2_000, 4_000, 8_000 }) {
				report(name + " × " + length, DecoratedMessages.of(length).get(name));
			}
		}
	}

	private static void report(String name, String text) {
		int rounds = 2_000;
		for (int i = 0; i < rounds; i++) {
			MessageText.normalise(text, MENTIONS);
		}
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			MessageText.normalise(text, MENTIONS);
		}
		System.out.printf("%-40s %12.1f%n", name, (System.nanoTime() - start) / 1000.0 / rounds);
	}
}
