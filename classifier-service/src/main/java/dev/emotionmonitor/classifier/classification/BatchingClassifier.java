package dev.emotionmonitor.classifier.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.classifier.metrics.ClassifierMetrics;
import dev.emotionmonitor.classifier.model.TextPredictor;
import dev.emotionmonitor.classifier.registry.ActiveModel;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Dynamic batching in front of the model. Requests wait in one queue (bounded by the number of texts); each worker
 * thread takes the oldest, gathers whatever else arrives within {@code batch-wait} up to {@code max-forward-batch}
 * texts, and runs one forward pass with its own predictor. A worker keeps its predictor, and a lease on its model,
 * until another model is served; then (at its next batch, or within 200 ms when idle) it closes both, so the
 * replaced model closes as soon as no worker uses it. The Netty event loop only enqueues and never waits.
 */
@Component
public class BatchingClassifier {

	private static final Logger log = LoggerFactory.getLogger(BatchingClassifier.class);

	private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger queuedTexts = new AtomicInteger();

	private final ActiveModel activeModel;

	private final ClassifierProperties properties;

	private final ClassifierMetrics metrics;

	private final List<CompletableFuture<Void>> workers = new ArrayList<>();

	private volatile boolean running = true;

	BatchingClassifier(ActiveModel activeModel, ClassifierProperties properties, ClassifierMetrics metrics,
			@Qualifier("classifierWorkers") AsyncTaskExecutor classifierWorkers) {
		this.activeModel = activeModel;
		this.properties = properties;
		this.metrics = metrics;
		metrics.queue(this.queuedTexts::get);
		for (int i = 0; i < workers(properties); i++) {
			this.workers.add(classifierWorkers.submitCompletable(this::work));
		}
	}

	static int workers(ClassifierProperties properties) {
		return Math.max(1, properties.workers());
	}

	/** Scores of each text plus the version of the model that produced them. */
	public record Scored(float[][] scores, String modelVersion) {
	}

	/** Thrown (not queued) when the queue holds {@code queue-capacity} texts already. */
	public static class QueueFullException extends RuntimeException {

		QueueFullException(int queued) {
			super("the classifier queue is full (" + queued + " texts waiting); retry shortly");
		}
	}

	/** Enqueues the texts; the future completes on a worker thread. */
	public CompletableFuture<Scored> submit(List<String> texts) {
		int queued = this.queuedTexts.addAndGet(texts.size());
		if (queued > this.properties.queueCapacity() && queued != texts.size()) {
			this.queuedTexts.addAndGet(-texts.size());
			this.metrics.rejected("queue_full");
			throw new QueueFullException(queued - texts.size());
		}
		Job job = new Job(texts, new CompletableFuture<>(), System.nanoTime());
		this.queue.add(job);
		return job.result;
	}

	public int queuedTexts() {
		return this.queuedTexts.get();
	}

	private void work() {
		Serving serving = null;
		long waitNanos = this.properties.batchWait().toNanos();
		int maxBatch = Math.max(1, this.properties.maxForwardBatch());
		try {
			while (this.running) {
				List<Job> jobs = new ArrayList<>();
				try {
					Job first = this.queue.poll(200, TimeUnit.MILLISECONDS);
					if (first == null) {
						// an idle worker too lets go of a replaced model
						serving = releaseIfReplaced(serving);
						continue;
					}
					jobs.add(first);
					int texts = first.texts.size();
					long deadline = System.nanoTime() + waitNanos;
					while (texts < maxBatch) {
						Job next = this.queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
						if (next == null) {
							break;
						}
						jobs.add(next);
						texts += next.texts.size();
					}
					this.queuedTexts.addAndGet(-texts);
					long started = System.nanoTime();
					jobs.forEach(job -> this.metrics.waited(started - job.enqueuedAt));
					serving = releaseIfReplaced(serving);
					if (serving == null) {
						serving = serveCurrent();
					}
					if (serving == null) {
						jobs.forEach(job -> {
							this.metrics.rejected("no_model");
							job.result.completeExceptionally(new ActiveModel.NoModelException());
						});
						continue;
					}
					run(serving.predictor(), serving.lease().model().version(), jobs, maxBatch, this.metrics);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				catch (RuntimeException ex) {
					log.error("classification batch failed", ex);
					jobs.forEach(job -> job.result.completeExceptionally(ex));
				}
			}
		}
		finally {
			if (serving != null) {
				serving.close();
			}
		}
	}

	/**
	 * A worker's lease on a model and its predictor of it, kept across batches (a predictor is costly to create); the
	 * lease keeps the model open while the predictor exists.
	 */
	private record Serving(ActiveModel.Lease lease, TextPredictor predictor) {

		/** Closes the predictor, then the lease (which may close the model). Logs failures, never throws. */
		void close() {
			try {
				this.predictor.close();
			}
			catch (RuntimeException ex) {
				log.warn("closing a predictor of model {} failed", this.lease.model().version(), ex);
			}
			try {
				this.lease.close();
			}
			catch (RuntimeException ex) {
				log.warn("closing model {} failed", this.lease.model().version(), ex);
			}
		}
	}

	/** A lease on the model served now and a new predictor of it, or null when no model is loaded. */
	private Serving serveCurrent() {
		ActiveModel.Lease lease = this.activeModel.lease();
		if (lease == null) {
			return null;
		}
		try {
			return new Serving(lease, lease.model().newPredictor());
		}
		catch (RuntimeException ex) {
			lease.close();
			throw ex;
		}
	}

	/** Closes {@code serving} (the predictor, then the lease) when another model is served now; else returns it. */
	private Serving releaseIfReplaced(Serving serving) {
		if (serving == null || serving.lease().model() == this.activeModel.current()) {
			return serving;
		}
		serving.close();
		return null;
	}

	private static void run(TextPredictor predictor, String version, List<Job> jobs, int maxBatch,
			ClassifierMetrics metrics) {
		List<String> all = new ArrayList<>();
		jobs.forEach(job -> all.addAll(job.texts));
		float[][] scores = new float[all.size()][];
		for (int start = 0; start < all.size(); start += maxBatch) {
			int end = Math.min(all.size(), start + maxBatch);
			long started = System.nanoTime();
			float[][] part = predictor.predict(all.subList(start, end));
			metrics.forwardPass(version, end - start, System.nanoTime() - started);
			System.arraycopy(part, 0, scores, start, part.length);
		}
		int offset = 0;
		for (Job job : jobs) {
			float[][] own = new float[job.texts.size()][];
			System.arraycopy(scores, offset, own, 0, own.length);
			offset += own.length;
			job.result.complete(new Scored(own, version));
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.running = false;
		try {
			CompletableFuture.allOf(this.workers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("the classifier workers did not stop cleanly: {}", ex.toString());
		}
		Job job;
		while ((job = this.queue.poll()) != null) {
			job.result.completeExceptionally(new IllegalStateException("the classifier is shutting down"));
		}
	}

	private record Job(List<String> texts, CompletableFuture<Scored> result, long enqueuedAt) {
	}
}
