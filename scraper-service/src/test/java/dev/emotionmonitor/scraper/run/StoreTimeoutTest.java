package dev.emotionmonitor.scraper.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A store that never answers (the Mono of a lost error never completes) fails the run after
 * {@code emotion.scraper.runs.store-timeout} with an error that says what happened, and frees its source and worker,
 * instead of leaving the run {@code running} and the worker blocked until a restart.
 */
class StoreTimeoutTest {

	private final Scheduler workers = Schedulers.newBoundedElastic(1, 10, "store-timeout-test");

	private final Runs runs = mock(Runs.class);

	private final Sources sources = mock(Sources.class);

	private final MessageStore messages = mock(MessageStore.class);

	private final Source source = new Source("source-1", "wedged", Source.DISCORD_EXPORT, "discord", null, null, null,
			"1100000000000000002", "weekly-reflection", null, null, null, null, null, null, null, null, Instant.now());

	private final ScrapeRun run = new ScrapeRun("run-1", source.id(), source.name(), source.kind(), "discord",
			"weekly-reflection", "import", ScrapeRun.RUNNING, Instant.now(), null, 0, 0, 0, 0, 0, null, null, 0L,
			Instant.now(), 0L);

	@AfterEach
	void stopWorkers() {
		workers.dispose();
	}

	@Test
	void aStoreThatNeverAnswersFailsTheRunAndFreesItsSource() {
		when(runs.create(source, "import")).thenReturn(Mono.just(run));
		when(sources.recordRun(source.id(), run.id())).thenReturn(Mono.empty());
		when(messages.known(any(), any())).thenReturn(Mono.never());
		when(runs.progress(anyString(), anyLong(), any(), anyLong(), any(), anyLong())).thenReturn(Mono.empty());
		when(runs.finish(anyString(), anyString(), any())).thenReturn(Mono.empty());
		RunLauncher launcher = new RunLauncher(runs, sources, messages, workers, List.of(),
				properties(Map.of("emotion.scraper.runs.store-timeout", "300ms")));

		launcher.launch(source, "import", progress -> progress.store(List.of(message()))).block();

		verify(runs, timeout(60_000)).finish(eq(run.id()), eq(ScrapeRun.FAILED),
				argThat(error -> error.startsWith("Storing 1 messages did not finish within 300 ms")
						&& error.contains("emotion.scraper.runs.store-timeout")));
		assertThat(launcher.isRunning(source.id())).as("the source may run again").isFalse();
	}

	private static ScrapedMessage message() {
		return new ScrapedMessage("1546325325774848000", null, null, "1100000000000000002", "weekly-reflection", null,
				null, "200000000000000001", "minji", "민지", false, Instant.now(), null, "=".repeat(2_000),
				"=".repeat(2_000), ScrapedMessage.DEFAULT, null);
	}

	private static ScraperProperties properties(Map<String, String> config) {
		return new Binder(new MapConfigurationPropertySource(config)).bindOrCreate("emotion.scraper",
				ScraperProperties.class);
	}
}
