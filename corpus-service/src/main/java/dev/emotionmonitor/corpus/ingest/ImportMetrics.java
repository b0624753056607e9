package dev.emotionmonitor.corpus.ingest;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Corpus imports as an operator sees them: dialogues imported and rejected, and how long an import took by outcome
 * ({@code completed}, {@code failed}). Dialogues of a failed import are not counted as imported (they are removed).
 */
@Component
class ImportMetrics {

	private final MeterRegistry registry;

	ImportMetrics(MeterRegistry registry) {
		this.registry = registry;
		// present before the first import, so a dashboard shows 0 rather than no data
		Counter.builder("emotion.corpus.dialogues.imported").description("Dialogues stored by completed imports")
			.register(registry);
		Counter.builder("emotion.corpus.dialogues.rejected").description("Records refused by imports")
			.register(registry);
	}

	void finished(boolean completed, long accepted, long rejected, long nanos) {
		if (completed) {
			this.registry.counter("emotion.corpus.dialogues.imported").increment(accepted);
		}
		this.registry.counter("emotion.corpus.dialogues.rejected").increment(rejected);
		Timer.builder("emotion.corpus.import.duration")
			.description("Time of one import, by outcome")
			.tag("outcome", completed ? "completed" : "failed")
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}
}
