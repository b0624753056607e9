package dev.emotionmonitor.classifier.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.emotionmonitor.classifier.model.EmotionModel;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The model this replica serves. Whoever runs the model's native code (predictors) holds a {@link Lease} on it;
 * serving it counts as one more lease, which a swap (or shutdown) closes. A model is closed when its last lease is
 * closed: right at the swap when nobody uses it, otherwise as soon as the last worker lets go of it. As the
 * {@code model} health indicator (in the readiness group) it is DOWN until a model is loaded.
 */
@Component("model")
public class ActiveModel implements ReactiveHealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(ActiveModel.class);

	/** The lease this replica holds on the model it serves; null before the first model and after shutdown. */
	private final AtomicReference<Lease> served = new AtomicReference<>();

	private final List<Consumer<EmotionModel>> swapListeners = new CopyOnWriteArrayList<>();

	/** No model has been loaded yet on this replica. */
	public static class NoModelException extends RuntimeException {

		public NoModelException() {
			super("no model is loaded yet on this replica; retry shortly");
		}
	}

	/**
	 * A hold on a model that keeps it open. All leases on one model share {@code holders}, their count; closing the
	 * last one closes the model. Close each lease exactly once.
	 */
	public record Lease(EmotionModel model, AtomicInteger holders) implements AutoCloseable {

		private static Lease first(EmotionModel model) {
			return new Lease(model, new AtomicInteger(1));
		}

		/** Another lease on the same model, or null when the model is closed already (its count reached 0). */
		private Lease share() {
			for (int count = this.holders.get(); count > 0; count = this.holders.get()) {
				if (this.holders.compareAndSet(count, count + 1)) {
					return new Lease(this.model, this.holders);
				}
			}
			return null;
		}

		@Override
		public void close() {
			if (this.holders.decrementAndGet() == 0) {
				this.model.close();
			}
		}
	}

	/**
	 * A lease on the model served now, or null when none is loaded. The model stays open until the lease is closed,
	 * even when another one is swapped in meanwhile.
	 */
	public Lease lease() {
		while (true) {
			Lease served = this.served.get();
			if (served == null) {
				return null;
			}
			Lease lease = served.share();
			if (lease != null) {
				return lease;
			}
			// swapped out and released by everybody since get(): the served one is another by now
		}
	}

	/** The model served now, to read its card or version; run it only through a {@link #lease()}. */
	public EmotionModel current() {
		Lease served = this.served.get();
		return served == null ? null : served.model();
	}

	public String version() {
		EmotionModel model = current();
		return model == null ? null : model.version();
	}

	/** Called with the model served now and with every later one (the metrics' model info). */
	public void onSwap(Consumer<EmotionModel> listener) {
		this.swapListeners.add(listener);
		EmotionModel model = current();
		if (model != null) {
			listener.accept(model);
		}
	}

	/** Serves {@code next}; the previous model closes once the leases taken on it before the swap are closed. */
	synchronized void swap(EmotionModel next) {
		Lease previous = this.served.get();
		if (previous != null && previous.model() == next) {
			return;
		}
		this.served.set(Lease.first(next));
		log.info("serving model {} ({})", next.version(), next.card().kind());
		this.swapListeners.forEach(listener -> listener.accept(next));
		if (previous != null) {
			previous.close();
		}
	}

	@Override
	public Mono<Health> health() {
		EmotionModel model = current();
		if (model == null) {
			return Mono.just(Health.down().withDetail("reason", "no model loaded yet").build());
		}
		return Mono.just(Health.up()
			.withDetail("version", model.version())
			.withDetail("kind", model.card().kind())
			.build());
	}

	/** Stops serving; the model closes once the leases still open on it are closed. */
	@PreDestroy
	synchronized void close() {
		Lease served = this.served.getAndSet(null);
		if (served != null) {
			served.close();
		}
	}
}
