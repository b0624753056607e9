package dev.emotionmonitor.classifier.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.model.TrainingProgress;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.common.web.PublicUris;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Training runs: start, list, inspect, follow as server-sent events, cancel. */
@RestController
class TrainingRunController {

	private final TrainingRunService runs;

	TrainingRunController(TrainingRunService runs) {
		this.runs = runs;
	}

	record TrainingRunView(String id, String status, String kind, String corpus, List<String> fields,
			Map<String, Object> hyperParameters, boolean activate, Instant createdAt, Instant startedAt,
			Instant finishedAt, TrainingProgress progress, String modelVersion, String modelKind, Double accuracy,
			Double macroF1, Integer evaluatedOn, String error) {

		static TrainingRunView of(TrainingRun run) {
			return new TrainingRunView(run.id(), run.status(), run.kind(), run.corpus(), run.fields(),
					run.hyperParameters(), run.activate(), run.createdAt(), run.startedAt(), run.finishedAt(),
					run.progress(), run.modelVersion(), run.modelKind(), run.accuracy(), run.macroF1(),
					run.evaluatedOn(), run.error());
		}
	}

	@PostMapping("/training-runs")
	Mono<ResponseEntity<TrainingRunView>> start(@RequestBody TrainingRunRequest request,
			@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
		caller.requireAdminOrService("start a training run");
		return this.runs.start(request)
			.map(run -> ResponseEntity.accepted()
				.location(PublicUris.of(exchange.getRequest(), "/training-runs/" + run.id()))
				.body(TrainingRunView.of(run)));
	}

	@GetMapping("/training-runs")
	Mono<ItemPage<TrainingRunView>> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		ItemPage.check(page, size, 100);
		return this.runs.list(page, size)
			.map(TrainingRunView::of)
			.collectList()
			.zipWith(this.runs.count())
			.map(items -> new ItemPage<>(items.getT1(), page, size, items.getT2()));
	}

	@GetMapping("/training-runs/{id}")
	Mono<TrainingRunView> get(@PathVariable String id) {
		return this.runs.get(id).map(TrainingRunView::of);
	}

	/** An event (named by status) at each state change and progress update; the stream ends when the run ends. */
	@GetMapping(path = "/training-runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<TrainingRunView>> events(@PathVariable String id) {
		return this.runs.get(id)
			.thenMany(this.runs.events(id))
			.map(run -> ServerSentEvent.builder(TrainingRunView.of(run)).event(run.status()).id(run.id()).build());
	}

	@PostMapping("/training-runs/{id}/cancel")
	Mono<TrainingRunView> cancel(@PathVariable String id,
			@AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("cancel a training run");
		return this.runs.cancel(id).map(TrainingRunView::of);
	}

	@DeleteMapping("/training-runs/{id}")
	Mono<TrainingRunView> delete(@PathVariable String id,
			@AuthenticationPrincipal Caller caller) {
		return cancel(id, caller);
	}
}
