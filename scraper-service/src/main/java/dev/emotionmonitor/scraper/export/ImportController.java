package dev.emotionmonitor.scraper.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.PublicUris;
import dev.emotionmonitor.common.web.UploadDirectory;
import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.run.RunLauncher;
import dev.emotionmonitor.scraper.run.RunProgress;
import dev.emotionmonitor.scraper.run.RunView;
import dev.emotionmonitor.scraper.run.Runs;
import dev.emotionmonitor.scraper.run.ScrapeRun;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports a DiscordChatExporter JSON export as a run of the channel's {@code discord-export} source. The file is
 * checked whole before anything is stored; the answer is the run, finished (201) when the import takes less than
 * {@code emotion.scraper.imports.answer-within}, still running (202) otherwise.
 */
@RestController
class ImportController {

	private final DiscordExportReader reader;

	private final Sources sources;

	private final RunLauncher launcher;

	private final Runs runs;

	private final Scheduler blocking;

	private final ScraperProperties.Imports settings;

	private final UploadDirectory uploads;

	ImportController(DiscordExportReader reader, Sources sources, RunLauncher launcher, Runs runs,
			Scheduler blockingScheduler, ScraperProperties properties, UploadDirectory uploads) {
		this.reader = reader;
		this.sources = sources;
		this.launcher = launcher;
		this.runs = runs;
		this.blocking = blockingScheduler;
		this.settings = properties.imports();
		this.uploads = uploads;
	}

	@PostMapping(path = "/imports/discord-export", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<RunView>> importExport(@RequestPart(name = "file", required = false) Part part,
			@RequestParam(name = "source_id", required = false) String sourceId, ServerHttpRequest request) {
		if (!(part instanceof FilePart file)) {
			return Mono.error(Problems.badRequest(
					"Send the export as a multipart file field named \"file\" (a DiscordChatExporter JSON export)"));
		}
		return Mono.usingWhen(Mono.fromCallable(uploads::newFile).subscribeOn(blocking),
				path -> file.transferTo(path)
					.then(Mono.fromCallable(() -> read(path)).subscribeOn(blocking))
					.flatMap(export -> source(export, sourceId).flatMap(source -> launcher.launch(source, "import",
							progress -> store(progress, export.messages())))),
				path -> Mono.fromRunnable(() -> delete(path)).subscribeOn(blocking))
			.flatMap(started -> answer(started, PublicUris.of(request, "/runs/" + started.id())));
	}

	private DiscordExport read(Path path) throws IOException {
		try (InputStream input = Files.newInputStream(path)) {
			if (Files.size(path) == 0) {
				throw Problems.badRequest("The uploaded file is empty");
			}
			return reader.read(input, settings.maxMessages());
		}
	}

	private Mono<Source> source(DiscordExport export, String sourceId) {
		if (sourceId == null || sourceId.isBlank()) {
			return sources.exportSource(export.guildId(), export.guildName(), export.channelId(), export.channelName());
		}
		return sources.get(sourceId).flatMap(source -> {
			if (!Source.DISCORD_EXPORT.equals(source.kind())) {
				return Mono.error(Problems.badRequest("Source " + sourceId + " is a " + source.kind()
						+ " source; exports go to a discord-export source (or leave source_id out)"));
			}
			if (source.channelId() != null && !source.channelId().equals(export.channelId())) {
				return Mono.error(Problems.badRequest("The export is of channel " + export.channelId()
						+ " but source " + sourceId + " collects channel " + source.channelId()));
			}
			return Mono.just(source);
		});
	}

	private void store(RunProgress progress, List<ScrapedMessage> messages) {
		progress.total(messages.size());
		int batch = Math.max(1, settings.storeBatch());
		for (int start = 0; start < messages.size(); start += batch) {
			progress.store(messages.subList(start, Math.min(messages.size(), start + batch)));
		}
	}

	/** Waits a little for the run to end so that small imports answer with their counts. */
	private Mono<ResponseEntity<RunView>> answer(ScrapeRun started, URI location) {
		return Flux.interval(Duration.ofMillis(50), Duration.ofMillis(100))
			.onBackpressureDrop()
			.concatMap(tick -> runs.get(started.id()))
			.filter(run -> !ScrapeRun.RUNNING.equals(run.status()))
			.next()
			.timeout(settings.answerWithin(), Mono.just(started))
			.flatMap(runs::view)
			.map(view -> ResponseEntity
				.status(ScrapeRun.RUNNING.equals(view.status()) ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
				.location(location)
				.body(view));
	}

	private static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
