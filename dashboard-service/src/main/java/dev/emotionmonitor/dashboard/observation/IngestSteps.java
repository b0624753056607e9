package dev.emotionmonitor.dashboard.observation;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Marks the steps of an ingest: their timings go to the debug log, and a crash test may name one step
 * ({@code emotion.dashboard.faults.halt-after=buckets}) at which the JVM halts on the n-th batch
 * ({@code halt-on-batch}), as a kill -9 would stop it. Off unless configured; not documented for operators.
 */
@Component
class IngestSteps {

	static final String JOURNAL = "journal";

	static final String OBSERVATIONS = "observations";

	static final String BUCKETS = "buckets";

	static final String DIRECTORY = "directory";

	static final String ALERTS = "alerts";

	private static final Logger log = LoggerFactory.getLogger(IngestSteps.class);

	private final String haltAfter;

	private final int haltOnBatch;

	private final AtomicInteger batches = new AtomicInteger();

	IngestSteps(@Value("${emotion.dashboard.faults.halt-after:}") String haltAfter,
			@Value("${emotion.dashboard.faults.halt-on-batch:1}") int haltOnBatch) {
		this.haltAfter = haltAfter;
		this.haltOnBatch = haltOnBatch;
	}

	/** A new batch's clock. */
	Clock start() {
		return new Clock(this.batches.incrementAndGet(), System.nanoTime());
	}

	final class Clock {

		private final int batch;

		private long last;

		private Clock(int batch, long started) {
			this.batch = batch;
			this.last = started;
		}

		Mono<Void> passed(String step, int count) {
			return Mono.fromRunnable(() -> {
				long now = System.nanoTime();
				log.debug("ingest {}: {} in {} ms", step, count, (now - this.last) / 1_000_000);
				this.last = now;
				if (step.equals(IngestSteps.this.haltAfter) && this.batch == IngestSteps.this.haltOnBatch) {
					log.warn("Halting after ingest step {} of batch {} (emotion.dashboard.faults.halt-after)", step,
							this.batch);
					Runtime.getRuntime().halt(137);
				}
			});
		}
	}
}
