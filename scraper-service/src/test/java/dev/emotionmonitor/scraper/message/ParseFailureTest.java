package dev.emotionmonitor.scraper.message;

import java.util.Map;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.reflection.ReflectionParser;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message the reflection parser fails on (here a parser that throws on a marker) is stored whole and counted on the
 * run; the run and the other messages go on as usual. A StackOverflowError is the failure that used to wedge a run:
 * inside the reactive chain Reactor dropped it and the run never ended.
 */
@Import(ParseFailureTest.FailingParser.class)
class ParseFailureTest extends ScraperServiceTest {

	private static final String OVERFLOW = "💥 overflow";

	private static final String THROW = "💥 throw";

	@Test
	void aMessageTheParserFailsOnIsStoredWholeAndCountedAndTheRunSucceeds() {
		ExportFixture export = ExportFixture.of(40, 5);
		Map<String, Object> overflowing = export.messages().get(export.chatLines().get(0));
		overflowing.put("content", "사실: 파서가 넘친다 " + OVERFLOW + "\n느낌: 그래도 저장된다");
		Map<String, Object> throwing = export.messages().get(export.chatLines().get(1));
		throwing.put("content", "Keep: 파서가 던진다 " + THROW + "\nProblem: 그래도 저장된다");

		JsonNode run = scraper.upload(export.json("1100000000000000088", "parser-trouble"));

		assertThat(run.path("status").asString()).isEqualTo("succeeded");
		assertThat(run.path("new").asLong()).isEqualTo(40);
		assertThat(run.path("parse_failures").asLong()).isEqualTo(2);
		assertThat(get("/runs/{id}", run.path("id").asString()).path("parse_failures").asLong()).isEqualTo(2);
		assertThat(allMessages("channel=1100000000000000088")).hasSize(40);
		for (Map<String, Object> failed : java.util.List.of(overflowing, throwing)) {
			JsonNode stored = get("/messages/" + failed.get("id"));
			assertThat(stored.path("content_raw").asString()).isEqualTo(failed.get("content"));
			assertThat(stored.path("sections").valueStream().map(section -> section.path("key").asString()))
				.as("stored whole")
				.containsExactly("whole");
			assertThat(stored.path("delivery").asString()).as("still classified, as one text").isEqualTo("pending");
		}
		assertThat(get("/messages/" + export.messages().get(3).get("id")).path("template").asString())
			.as("the other reflections are split as usual")
			.isEqualTo("5f");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingParser {

		@Bean
		@Primary
		ReflectionParser failingParser(ScraperProperties properties) {
			return new ReflectionParser(properties) {
				@Override
				public Parsed parse(String text, String onlyTemplate) {
					if (text != null && text.contains(OVERFLOW)) {
						throw new StackOverflowError();
					}
					if (text != null && text.contains(THROW)) {
						throw new IllegalStateException("the parser broke");
					}
					return super.parse(text, onlyTemplate);
				}
			};
		}
	}
}
