package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.common.web.PublicUris;
import dev.emotionmonitor.scraper.source.Sources;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RunController {

	private final Runs runs;

	private final Sources sources;

	private final RunLauncher launcher;

	RunController(Runs runs, Sources sources, RunLauncher launcher) {
		this.runs = runs;
		this.sources = sources;
		this.launcher = launcher;
	}

	/** Starts a run of a web or discord-api source now. */
	@PostMapping("/sources/{id}/runs")
	Mono<ResponseEntity<RunView>> start(@PathVariable String id, ServerHttpRequest request) {
		return sources.get(id)
			.flatMap(source -> launcher.start(source, "manual"))
			.flatMap(runs::view)
			.map(view -> ResponseEntity.accepted().location(PublicUris.of(request, "/runs/" + view.id())).body(view));
	}

	@GetMapping("/runs")
	Mono<ItemPage<RunView>> list(@RequestParam(name = "source_id", required = false) String sourceId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		ItemPage.check(page, size, 500);
		return runs.page(sourceId, page, size)
			.concatMap(runs::view)
			.collectList()
			.zipWith(runs.count(sourceId), (items, total) -> new ItemPage<>(items, page, size, total));
	}

	@GetMapping("/runs/{id}")
	Mono<RunView> get(@PathVariable String id) {
		return runs.view(id);
	}

	/**
	 * The run's state as server-sent events ({@code progress} while it runs, then one {@code finished}) until it ends.
	 * The job kernel reads the run from the store (and this replica's own writes at once), so the stream works on any
	 * replica and after a restart.
	 */
	@GetMapping(path = "/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<RunView>> events(@PathVariable String id) {
		return runs.get(id)
			.thenMany(launcher.follow(id)
				.concatMap(runs::view)
				.distinctUntilChanged(view -> List.of(view.status(), view.seen(), view.errors(),
						Objects.toString(view.error(), "")))
				.takeUntil(view -> !ScrapeRun.RUNNING.equals(view.status()))
				.map(view -> ServerSentEvent.builder(view)
					.id(Long.toString(view.seen()))
					.event(ScrapeRun.RUNNING.equals(view.status()) ? "progress" : "finished")
					.build()))
			.take(Duration.ofHours(6));
	}
}
