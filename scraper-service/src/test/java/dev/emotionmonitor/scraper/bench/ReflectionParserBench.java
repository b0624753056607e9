package dev.emotionmonitor.scraper.bench;

import java.util.Map;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.reflection.ReflectionParser;
import dev.emotionmonitor.scraper.support.DecoratedMessages;
import dev.emotionmonitor.scraper.support.ExportFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Microseconds per message for the reflection parser: an ordinary 5F reflection, and each decoration wall at 2,000,
 * 4,000 and 8,000 characters. A linear parser's time doubles with the length; a quadratic one's quadruples. Run with
 * {@code ./mvnw -o -Pbench -pl scraper-service test -Dtest=ReflectionParserBench}.
 */
@Tag("bench")
class ReflectionParserBench {

	private final ReflectionParser parser = new ReflectionParser(
			new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("emotion.scraper",
					ScraperProperties.class));

	@Test
	void parse() {
		System.out.printf("%-40s %12s%n", "message", "µs/message");
		report("5F reflection", ExportFixture.reflection(42));
		for (String name : DecoratedMessages.of(2_000).keySet()) {
			for (int length : new int[] { 2_000, 4_000, 8_000 }) {
				report(name + " × " + length, DecoratedMessages.of(length).get(name));
			}
		}
	}

	private void report(String name, String text) {
		int rounds = 2_000;
		for (int i = 0; i < rounds; i++) {
			parser.parse(text, null);
		}
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			parser.parse(text, null);
		}
		System.out.printf("%-40s %12.1f%n", name, (System.nanoTime() - start) / 1000.0 / rounds);
	}
}
