package dev.emotionmonitor.classifier.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.registry.ActiveModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The serving figures an operator scales the classifier by (names after Triton's and TGI's): texts classified per
 * model, forward-batch size, time in the queue against time in the model, queue depth, 503s, and the active model
 * as the tags of an info gauge.
 */
@Component
public class ClassifierMetrics {

	private final MeterRegistry registry;

	private final DistributionSummary batchSize;

	private final Timer queueWait;

	private final Timer inference;

	private final MultiGauge modelInfo;

	public ClassifierMetrics(MeterRegistry registry, ActiveModel activeModel) {
		this.registry = registry;
		this.batchSize = DistributionSummary.builder("emotion.classifier.batch.size")
			.description("Texts per forward pass")
			.publishPercentileHistogram()
			.maximumExpectedValue(1024.0)
			.register(registry);
		this.queueWait = Timer.builder("emotion.classifier.queue.wait")
			.description("Time a request waits in the batching queue before its forward pass starts")
			.publishPercentileHistogram()
			.register(registry);
		this.inference = Timer.builder("emotion.classifier.inference")
			.description("Time of one forward pass of the model")
			.publishPercentileHistogram()
			.register(registry);
		this.modelInfo = MultiGauge.builder("emotion.classifier.model.info")
			.description("1 for the model this replica serves (tags version, kind)")
			.register(registry);
		// both reasons from the start, so a dashboard shows 0 rather than no data
		List.of("queue_full", "no_model").forEach(reason -> rejectedCounter(reason));
		activeModel.onSwap(this::serving);
	}

	/** Registers the queue-depth gauge on the queue's own count. */
	public void queue(Supplier<Number> queuedTexts) {
		Gauge.builder("emotion.classifier.queue.texts", queuedTexts)
			.description("Texts waiting for a forward pass")
			.register(this.registry);
	}

	public void waited(long nanos) {
		this.queueWait.record(nanos, TimeUnit.NANOSECONDS);
	}

	public void forwardPass(String modelVersion, int texts, long nanos) {
		this.batchSize.record(texts);
		this.inference.record(nanos, TimeUnit.NANOSECONDS);
		textsCounter(modelVersion).increment(texts);
	}

	private Counter textsCounter(String modelVersion) {
		return Counter.builder("emotion.classifier.texts")
			.description("Texts classified")
			.tag("model", modelVersion)
			.register(this.registry);
	}

	/** A request answered 503: {@code queue_full} or {@code no_model}. */
	public void rejected(String reason) {
		rejectedCounter(reason).increment();
	}

	private Counter rejectedCounter(String reason) {
		return Counter.builder("emotion.classifier.rejected")
			.description("Requests refused with 503 (queue full, no model yet)")
			.tag("reason", reason)
			.register(this.registry);
	}

	private void serving(EmotionModel model) {
		// the served model's count from the start, so throughput shows 0 rather than no data
		textsCounter(model.version());
		this.modelInfo.register(List.of(MultiGauge.Row.of(
				Tags.of("version", model.version(), "kind", String.valueOf(model.card().kind())), 1)), true);
	}
}
