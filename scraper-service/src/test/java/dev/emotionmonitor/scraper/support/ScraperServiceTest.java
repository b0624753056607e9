package dev.emotionmonitor.scraper.support;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running service over real HTTP on the embedded store, with the Discord API pointed at a local fake. Every test
 * class extending it shares one application context (they configure it the same way). The outbox worker is off here;
 * the pipeline has its own test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.scraper.pipeline.enabled=false", "emotion.scraper.schedule.tick=1h",
				"emotion.scraper.web.poll-interval=40ms", "emotion.scraper.web.round-timeout=3s",
				"emotion.scraper.imports.store-batch=100", "emotion.scraper.discord.bot-token=" + FakeDiscord.TOKEN })
@AutoConfigureWebTestClient(timeout = "PT2M")
public abstract class ScraperServiceTest {

	/** Two requests per 300 ms window, so a run meets the limit on every page. */
	protected static final FakeDiscord discord = new FakeDiscord(2, 300);

	static {
		discord.start();
	}

	@DynamicPropertySource
	static void discordApi(DynamicPropertyRegistry registry) {
		registry.add("emotion.scraper.discord.api-url", discord::url);
	}

	protected WebTestClient http;

	protected ScraperClient scraper;

	@Autowired
	void client(WebTestClient client) {
		http = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
		scraper = new ScraperClient(http);
	}

	protected JsonNode get(String uri, Object... variables) {
		return scraper.get(uri, variables);
	}

	/** Every message matching the query string, all pages. */
	protected List<JsonNode> allMessages(String filter) {
		return scraper.allMessages(filter);
	}

	/** Polls the run until it is no longer running. */
	protected JsonNode awaitRun(String runId) {
		return scraper.awaitRun(runId);
	}
}
