package dev.emotionmonitor.dashboard.observation;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * Runs ingests one after another. Bucket deltas are computed from what is stored; two overlapping ingests of the same
 * observation would both see it missing and count it twice.
 */
@Component
class SerialQueue {

	private final Sinks.Many<Task<?>> tasks = Sinks.many().unicast().onBackpressureBuffer();

	SerialQueue() {
		this.tasks.asFlux().concatMap(Task::run, 0).subscribe();
	}

	<T> Mono<T> submit(Supplier<Mono<T>> work) {
		return Mono.defer(() -> {
			Task<T> task = new Task<>(work);
			synchronized (this.tasks) {
				this.tasks.emitNext(task, Sinks.EmitFailureHandler.FAIL_FAST);
			}
			return task.result.asMono();
		});
	}

	private record Task<T>(Supplier<Mono<T>> work, Sinks.One<T> result) {

		Task(Supplier<Mono<T>> work) {
			this(work, Sinks.one());
		}

		Mono<Void> run() {
			return Mono.defer(this.work)
				.doOnNext(value -> this.result.tryEmitValue(value))
				.doOnError(this.result::tryEmitError)
				.doOnSuccess(value -> {
					if (value == null) {
						this.result.tryEmitEmpty();
					}
				})
				.onErrorResume(error -> Mono.empty())
				.then();
		}
	}
}
