package dev.emotionmonitor.classifier.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.emotionmonitor.classifier.model.EmotionModel;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The model this replica serves. Swapping closes the previous model only after a grace period, so a worker that
 * picked it up a moment before the swap finishes its batch. As the {@code model} health indicator (in the readiness
 * group) it is DOWN until a model is loaded.
 */
@Component("model")
public class ActiveModel implements ReactiveHealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(ActiveModel.class);

	private final AtomicReference<EmotionModel> current = new AtomicReference<>();

	private final Duration retireAfter;

	private final List<Consumer<EmotionModel>> swapListeners = new CopyOnWriteArrayList<>();

	private final TaskScheduler closer;

	@Autowired
	public ActiveModel(TaskScheduler modelScheduler) {
		this(modelScheduler, Duration.ofSeconds(30));
	}

	/** {@code retireAfter}: how long a replaced model stays open for the batches that picked it up before the swap. */
	ActiveModel(TaskScheduler closer, Duration retireAfter) {
		this.closer = closer;
		this.retireAfter = retireAfter;
	}

	/** No model has been loaded yet on this replica. */
	public static class NoModelException extends RuntimeException {

		public NoModelException() {
			super("no model is loaded yet on this replica; retry shortly");
		}
	}

	public EmotionModel current() {
		return this.current.get();
	}

	public String version() {
		EmotionModel model = this.current.get();
		return model == null ? null : model.version();
	}

	/** Called with the model served now and with every later one (the metrics' model info). */
	public void onSwap(Consumer<EmotionModel> listener) {
		this.swapListeners.add(listener);
		EmotionModel model = this.current.get();
		if (model != null) {
			listener.accept(model);
		}
	}

	void swap(EmotionModel next) {
		EmotionModel previous = this.current.getAndSet(next);
		log.info("serving model {} ({})", next.version(), next.card().kind());
		this.swapListeners.forEach(listener -> listener.accept(next));
		if (previous != null && previous != next) {
			this.closer.schedule(previous::close, Instant.now().plus(this.retireAfter));
		}
	}

	@Override
	public Mono<Health> health() {
		EmotionModel model = this.current.get();
		if (model == null) {
			return Mono.just(Health.down().withDetail("reason", "no model loaded yet").build());
		}
		return Mono.just(Health.up()
			.withDetail("version", model.version())
			.withDetail("kind", model.card().kind())
			.build());
	}

	@PreDestroy
	void close() {
		EmotionModel model = this.current.getAndSet(null);
		if (model != null) {
			model.close();
		}
	}
}
