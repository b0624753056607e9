package dev.emotionmonitor.scraper.source;

import java.time.Instant;
import java.util.UUID;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.common.web.PublicUris;
import dev.emotionmonitor.scraper.pipeline.OutboxCounts;
import dev.emotionmonitor.scraper.reflection.ReflectionParser;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sources")
class SourceController {

	private final Sources sources;

	private final OutboxCounts counts;

	private final ReflectionParser parser;

	SourceController(Sources sources, OutboxCounts counts, ReflectionParser parser) {
		this.sources = sources;
		this.counts = counts;
		this.parser = parser;
	}

	@PostMapping
	Mono<ResponseEntity<SourceView>> create(@Valid @RequestBody NewSource request, ServerHttpRequest http) {
		Source source = validate(request);
		return sources.insert(source)
			.flatMap(this::view)
			.map(view -> ResponseEntity.created(PublicUris.of(http, "/sources/" + view.id())).body(view));
	}

	@GetMapping
	Mono<ItemPage<SourceView>> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		ItemPage.check(page, size, 500);
		return sources.page(page, size)
			.concatMap(this::view)
			.collectList()
			.zipWith(sources.count(), (items, total) -> new ItemPage<>(items, page, size, total));
	}

	@GetMapping("/{id}")
	Mono<SourceView> get(@PathVariable String id) {
		return sources.get(id).flatMap(this::view);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(@PathVariable String id) {
		return sources.delete(id)
			.flatMap(deleted -> deleted ? Mono.<Void>empty()
					: Mono.error(Problems.notFound("No source with id " + id)));
	}

	private Mono<SourceView> view(Source source) {
		return counts.forSource(source.id())
			.map(c -> SourceView.of(source, c.messages(), c.pending(), c.failed()));
	}

	private Source validate(NewSource request) {
		String kind = request.kind();
		if (Source.WEB.equals(kind) && (request.url() == null || !request.url().matches("(?i)https?://\\S+"))) {
			throw Problems.badRequest("A web source needs url: the http(s) address of the channel page");
		}
		if (Source.DISCORD_API.equals(kind) && (request.channelId() == null || request.channelId().isBlank())) {
			throw Problems.badRequest("A discord-api source needs channel_id: the channel's snowflake id (digits)");
		}
		if (Source.DISCORD_EXPORT.equals(kind) && request.schedule() != null) {
			throw Problems.badRequest("A discord-export source is filled by uploads and cannot have a schedule");
		}
		if (request.schedule() != null && !request.schedule().isBlank()
				&& !CronExpression.isValidExpression(request.schedule())) {
			throw Problems.badRequest("schedule must be a six-field cron expression in UTC such as \"0 0 * * * *\" "
					+ "(second minute hour day month weekday), got \"" + request.schedule() + "\"");
		}
		if (request.template() != null && !parser.templateNames().contains(request.template())) {
			throw Problems.badRequest(
					"Unknown template \"" + request.template() + "\"; configured: " + parser.templateNames());
		}
		Instant now = Instant.now();
		String site = request.site() == null || request.site().isBlank() ? "discord" : request.site().trim();
		return new Source(UUID.randomUUID().toString(), request.name().trim(), kind, site, request.url(),
				request.guildId(), request.guildName(), request.channelId(), request.channelName(),
				blankToNull(request.schedule()), request.since(), request.template(), request.selectors(),
				request.profileDir(), null, null, Sources.nextRun(blankToNull(request.schedule()), now), now);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
