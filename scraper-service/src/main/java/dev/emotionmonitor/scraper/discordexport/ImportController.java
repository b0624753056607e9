package dev.emotionmonitor.scraper.discordexport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * {@code emotion.scraper.imports.answer-within}, still running (202) otherwise. A zip of exports or several files
 * start one run per channel (thread, forum post), answered together.
 * <p>
 * An import marks stored messages deleted only when the caller says the upload is complete ({@code complete=true}):
 * nothing in DiscordChatExporter's JSON shows that an export was made with {@code --filter} (it writes only the
 * messages that match) or is one part of a {@code --partition} export (every part repeats the whole date range), and
 * a message marked deleted is never classified again.
 */
@RestController
class ImportController {

	static final String NOT_COMPLETE = "not looked for: an export does not show whether it holds every message of its "
			+ "date range (DiscordChatExporter records no --filter or --partition); import with complete=true when it "
			+ "does, and stored messages of its range that it no longer holds are marked deleted";

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

	/**
	 * One JSON export answers its run. A zip of exports (a whole {@code exportguild} directory) or several {@code file}
	 * fields answer {@code {"items": [run, …]}}: one run per channel, thread or forum post, all checked before any
	 * starts.
	 */
	@PostMapping(path = "/imports/discord-export", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<?>> importExport(@RequestPart(name = "file", required = false) Flux<Part> parts,
			@RequestParam(name = "source_id", required = false) String sourceId,
			@RequestParam(name = "complete", required = false) String completeParam, ServerHttpRequest request) {
		Flux<Part> all = parts == null ? Flux.empty() : parts;
		return all.collectList().flatMap(received -> {
			if (completeParam != null && !completeParam.equals("true") && !completeParam.equals("false")) {
				return Mono.error(Problems.badRequest("complete must be true or false (true: every export of the "
						+ "upload holds every message of its date range, made without --filter and not one part of a "
						+ "--partition export)"));
			}
			boolean complete = "true".equals(completeParam);
			List<FilePart> files = received.stream()
				.filter(FilePart.class::isInstance)
				.map(FilePart.class::cast)
				.toList();
			if (files.isEmpty() || files.size() != received.size()) {
				return Mono.error(Problems.badRequest("Send the export as a multipart file field named \"file\" (a "
						+ "DiscordChatExporter JSON export, a zip of exports, or several \"file\" fields)"));
			}
			return Mono.usingWhen(Mono.fromCallable(() -> newFiles(files)).subscribeOn(blocking),
					saved -> Flux.fromIterable(files)
						.index()
						.concatMap(file -> file.getT2().transferTo(saved.get((int) (long) file.getT1()).path()))
						.then(Mono.fromCallable(() -> read(saved)).subscribeOn(blocking))
						.flatMap(read -> read.single() ? startOne(read.exports().get(0), sourceId, complete, request)
								: startAll(read.exports(), sourceId, complete)),
					saved -> Mono.fromRunnable(() -> saved.forEach(upload -> delete(upload.path())))
						.subscribeOn(blocking));
		});
	}

	private Mono<ResponseEntity<?>> startOne(DiscordExport export, String sourceId, boolean complete,
			ServerHttpRequest request) {
		return source(export, sourceId).flatMap(source -> launcher.launch(source, "import",
				progress -> store(progress, export, complete)))
			.flatMap(started -> answer(started, PublicUris.of(request, "/runs/" + started.id())));
	}

	/** One run per channel; none starts when one of their sources is already running. */
	private Mono<ResponseEntity<?>> startAll(List<DiscordExport> exports, String sourceId, boolean complete) {
		if (sourceId != null && !sourceId.isBlank() && exports.size() > 1) {
			return Mono.error(Problems.badRequest("The upload holds " + exports.size() + " channels; leave source_id "
					+ "out and each channel is imported into its own discord-export source"));
		}
		return Flux.fromIterable(exports)
			.concatMap(export -> source(export, sourceId).map(source -> Map.entry(source, export)))
			.collectList()
			.flatMap(pairs -> Flux.fromIterable(pairs)
				.concatMap(pair -> launcher.isRunning(pair.getKey().id())
					.flatMap(running -> running ? Mono.error(Problems.conflict("Source " + pair.getKey().id()
							+ " (channel " + pair.getValue().channelId() + ") already has a run going on; nothing "
							+ "was imported. Wait for it to finish (GET /runs?source_id=" + pair.getKey().id() + ")"))
							: Mono.empty()))
				.then(Flux.fromIterable(pairs)
					.concatMap(pair -> launcher.launch(pair.getKey(), "import",
							progress -> store(progress, pair.getValue(), complete)))
					.collectList()))
			.flatMap(this::answerAll);
	}

	private List<ExportFiles.Upload> newFiles(List<FilePart> files) throws IOException {
		List<ExportFiles.Upload> saved = new ArrayList<>();
		for (FilePart file : files) {
			saved.add(new ExportFiles.Upload(uploads.newFile(), file.filename()));
		}
		return saved;
	}

	private Read read(List<ExportFiles.Upload> saved) throws IOException {
		boolean single = saved.size() == 1 && !ExportFiles.isZip(saved.get(0).path());
		return new Read(ExportFiles.read(reader, saved, settings.maxMessages()), single);
	}

	/** What an upload held: its exports, one per channel, and whether it was one plain JSON file. */
	private record Read(List<DiscordExport> exports, boolean single) {
	}

	/** The runs of a multi-channel import, each channel's: {@code {"items": [run, …]}}. */
	record ImportedRuns(List<RunView> items) {
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

	/** Stores an export; only a complete one reads its stretches whole, never the gaps between exports of a channel. */
	private void store(RunProgress progress, DiscordExport export, boolean complete) {
		if (complete) {
			progress.onlyDeclaredRanges();
			export.stretches().forEach(stretch -> progress.covered(export.channelId(), stretch.from(), stretch.to()));
		}
		else {
			progress.skipDeletions(NOT_COMPLETE);
		}
		List<ScrapedMessage> messages = export.messages();
		progress.total(messages.size());
		int batch = Math.max(1, settings.storeBatch());
		for (int start = 0; start < messages.size(); start += batch) {
			progress.store(messages.subList(start, Math.min(messages.size(), start + batch)));
		}
	}

	/** Waits a little for every run to end (following them through the job kernel); 201 when all have, 202 else. */
	private Mono<ResponseEntity<?>> answerAll(List<ScrapeRun> started) {
		Mono<List<RunView>> views = Flux.fromIterable(started)
			.concatMap(run -> runs.get(run.id()))
			.collectList()
			.flatMap(current -> Flux.fromIterable(current).concatMap(runs::view).collectList());
		return Flux.fromIterable(started)
			.flatMap(run -> ended(run))
			.then()
			.timeout(settings.answerWithin(), Mono.empty())
			.then(views)
			.map(items -> ResponseEntity
				.status(items.stream().anyMatch(v -> ScrapeRun.RUNNING.equals(v.status())) ? HttpStatus.ACCEPTED
						: HttpStatus.CREATED)
				.body(new ImportedRuns(items)));
	}

	/** Waits a little for the run to end so that small imports answer with their counts. */
	private Mono<ResponseEntity<?>> answer(ScrapeRun started, URI location) {
		return ended(started).timeout(settings.answerWithin(), Mono.empty())
			.then(Mono.defer(() -> runs.get(started.id())))
			.flatMap(runs::view)
			.map(view -> ResponseEntity
				.status(ScrapeRun.RUNNING.equals(view.status()) ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
				.location(location)
				.body(view));
	}

	/** Completes when the run has ended (its first final state, as the job kernel follows it). */
	private Mono<Void> ended(ScrapeRun started) {
		return launcher.follow(started.id()).filter(run -> !ScrapeRun.RUNNING.equals(run.status())).next().then();
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
