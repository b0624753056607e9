package dev.emotionmonitor.scraper.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.emotionmonitor.common.job.JobOutcome;
import dev.emotionmonitor.common.job.JobStatus;
import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A store that never answers (the Mono of a lost error never completes) fails the run after
 * {@code emotion.scraper.runs.store-timeout} with an error that says what happened, and frees its worker, instead of
 * leaving the run {@code running} and the worker blocked until a restart. (The kernel then writes the failed state and
 * frees the source's claim: {@link RunReplicasTest} shows a source running again after its run ended.)
 */
class StoreTimeoutTest {

	private final MessageStore messages = mock(MessageStore.class);

	private final Source source = new Source("source-1", "wedged", Source.DISCORD_EXPORT, "discord", null, null, null,
			"1100000000000000002", "weekly-reflection", null, null, null, null, null, null, null, null, Instant.now());

	@Test
	void aStoreThatNeverAnswersFailsTheRunAndFreesItsWorker() throws Exception {
		when(messages.known(any(), any())).thenReturn(Mono.never());
		RunLauncher launcher = new RunLauncher(mock(Sources.class), messages, mock(RunLocks.class), null, List.of(),
				properties(Map.of("emotion.scraper.runs.store-timeout", "300ms")));
		List<Update> saved = new ArrayList<>();

		JobOutcome outcome = CompletableFuture
			.supplyAsync(() -> launcher.execute("run-1", saving(saved), source,
					progress -> progress.store(List.of(message()))))
			.get(60, TimeUnit.SECONDS);

		assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
		Document fields = (Document) outcome.fields().getUpdateObject().get("$set");
		assertThat(fields.getString("error")).startsWith("Storing 1 messages did not finish within 300 ms")
			.contains("emotion.scraper.runs.store-timeout")
			.contains("messages already stored are kept");
		assertThat(fields).containsEntry("seen", 0L).containsEntry("added", 0);
	}

	private static RunProgress.Saving saving(List<Update> saved) {
		return new RunProgress.Saving() {
			@Override
			public void progress(Supplier<Update> fields) {
				saved.add(fields.get());
			}

			@Override
			public void save(Update fields) {
				saved.add(fields);
			}

			@Override
			public boolean cancelRequested() {
				return false;
			}
		};
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
