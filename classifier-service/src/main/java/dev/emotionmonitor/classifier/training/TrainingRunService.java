package dev.emotionmonitor.classifier.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.classifier.corpus.CorpusReader;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.HyperParameters;
import dev.emotionmonitor.classifier.model.ModelTrainer;
import dev.emotionmonitor.classifier.model.TrainingCancelledException;
import dev.emotionmonitor.classifier.model.TrainingListener;
import dev.emotionmonitor.classifier.model.TrainingProgress;
import dev.emotionmonitor.classifier.registry.ModelRegistry;
import dev.emotionmonitor.common.problem.Problems;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Training runs as jobs: one runs at a time on its own thread (training is CPU-bound and the machine is small),
 * {@code training-queue} more may wait. Progress is kept in memory for the event stream and written to
 * {@code training_runs} at most every two seconds; a finished run's model is registered (and activated on request).
 */
@Service
class TrainingRunService {

	private static final Logger log = LoggerFactory.getLogger(TrainingRunService.class);

	private static final Duration PERSIST_EVERY = Duration.ofSeconds(2);

	private final ReactiveMongoTemplate mongo;

	private final ModelRegistry registry;

	private final ClassifierProperties properties;

	private final WebClient gateway;

	private final ThreadPoolExecutor executor;

	private final Map<String, Handle> handles = new ConcurrentHashMap<>();

	TrainingRunService(ReactiveMongoTemplate mongo, ModelRegistry registry, ClassifierProperties properties,
			MeterRegistry meters) {
		for (String status : List.of("queued", "running")) {
			Gauge.builder("emotion.classifier.training.runs", this.handles,
					handles -> handles.values().stream().filter(h -> status.equals(h.run.status())).count())
				.description("Training runs on this replica, by status")
				.tag("status", status)
				.register(meters);
		}
		this.mongo = mongo;
		this.registry = registry;
		this.properties = properties;
		this.gateway = WebClient.builder().baseUrl(properties.gatewayUrl().toString())
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
			.build();
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(Math.max(1, properties.trainingQueue())), runnable -> {
					Thread thread = new Thread(runnable, "training");
					thread.setDaemon(true);
					return thread;
				});
	}

	/** The live state of a queued or running run. */
	private static final class Handle {

		volatile TrainingRun run;

		volatile boolean cancelled;

		volatile long lastPersisted;

		final Sinks.Many<TrainingRun> events = Sinks.many().replay().latest();

		Handle(TrainingRun run) {
			this.run = run;
		}

		synchronized void update(TrainingRun next) {
			this.run = next;
			this.events.tryEmitNext(next);
		}
	}

	Mono<TrainingRun> start(TrainingRunRequest request) {
		HyperParameters hp = hyperParameters(request);
		List<String> fields;
		try {
			fields = CorpusReader.parseFields(request.fields() == null ? null : String.join(",", request.fields()));
		}
		catch (IllegalArgumentException ex) {
			throw Problems.badRequest(ex.getMessage());
		}
		String corpus = corpusSource(request, fields);
		TrainingRun run = new TrainingRun(UUID.randomUUID().toString(), "queued", hp.kind(), corpus, fields,
				request.hyperParameters() == null ? Map.of() : request.hyperParameters(),
				Boolean.TRUE.equals(request.activate()), Instant.now(), null, null, null, null, null, null, null, null,
				null);
		return datasetExists(request).then(this.mongo.insert(run)).map(saved -> {
			Handle handle = new Handle(saved);
			this.handles.put(saved.id(), handle);
			handle.events.tryEmitNext(saved);
			try {
				this.executor.execute(() -> execute(handle, request, hp, fields));
			}
			catch (RejectedExecutionException ex) {
				this.handles.remove(saved.id());
				this.mongo.save(saved.withStatus("failed", null, Instant.now(), "training queue full")).subscribe();
				throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "the training queue is full ("
						+ this.properties.trainingQueue() + " runs waiting); try again after one finishes");
			}
			return saved;
		});
	}

	/**
	 * A run on an imported dataset is refused at once when the corpus-service does not know the dataset or split,
	 * with the corpus-service's own detail, rather than accepted and failed later.
	 */
	private Mono<Void> datasetExists(TrainingRunRequest request) {
		if (request.corpusFile() != null || request.dataset() == null) {
			return Mono.empty();
		}
		return this.gateway.get()
			.uri(builder -> builder.path("/api/corpus/stats")
				.queryParam("dataset", request.dataset())
				.queryParamIfPresent("split", java.util.Optional.ofNullable(request.split()).filter(split -> !split.isBlank()))
				.build())
			.headers(this::authorize)
			.retrieve()
			.onStatus(status -> status.value() == 400 || status.value() == 404,
					response -> response.bodyToMono(ProblemDetail.class)
						.map(problem -> (Throwable) Problems.of(response.statusCode(),
								"Cannot train on dataset " + request.dataset() + ": " + problem.getDetail()))
						.defaultIfEmpty(Problems.of(response.statusCode(), "Cannot train on dataset "
								+ request.dataset() + ": the corpus-service does not know it")))
			.onStatus(status -> status.isError(), response -> Mono.just(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
					"The corpus-service could not be asked about dataset " + request.dataset() + " (HTTP "
							+ response.statusCode().value() + "); try again shortly")))
			.toBodilessEntity()
			.then();
	}

	Mono<TrainingRun> get(String id) {
		Handle handle = this.handles.get(id);
		if (handle != null) {
			return Mono.just(handle.run);
		}
		return this.mongo.findById(id, TrainingRun.class)
			.switchIfEmpty(Mono.error(Problems.notFound("no training run " + id)));
	}

	Flux<TrainingRun> list(int page, int size) {
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).skip((long) page * size).limit(size);
		return this.mongo.find(query, TrainingRun.class).map(run -> {
			Handle handle = this.handles.get(run.id());
			return handle != null ? handle.run : run;
		});
	}

	Mono<Long> count() {
		return this.mongo.count(new Query(), TrainingRun.class);
	}

	/** The run's states as they change, starting with the current one; completes when the run finishes. */
	Flux<TrainingRun> events(String id) {
		Handle handle = this.handles.get(id);
		if (handle != null) {
			return handle.events.asFlux().takeUntil(TrainingRun::finished);
		}
		return get(id).flux();
	}

	Mono<TrainingRun> cancel(String id) {
		Handle handle = this.handles.get(id);
		if (handle == null) {
			return get(id).flatMap(run -> Mono.error(Problems.conflict("training run " + id + " already "
					+ run.status())));
		}
		handle.cancelled = true;
		if (handle.run.status().equals("queued")) {
			return Mono.fromCallable(() -> {
				finish(handle, handle.run.withStatus("cancelled", null, Instant.now(), null));
				return handle.run;
			}).subscribeOn(Schedulers.boundedElastic());
		}
		return Mono.just(handle.run);
	}

	private void execute(Handle handle, TrainingRunRequest request, HyperParameters hp, List<String> fields) {
		if (handle.cancelled || handle.run.finished()) {
			return;
		}
		handle.update(handle.run.withStatus("running", Instant.now(), null, null));
		persist(handle.run);
		Path modelDirectory = null;
		try {
			List<LabeledText> corpus = readCorpus(request, fields);
			TrainingListener listener = new TrainingListener() {
				@Override
				public void progress(TrainingProgress progress) {
					handle.update(handle.run.withProgress(progress));
					long now = System.nanoTime();
					if (now - handle.lastPersisted > PERSIST_EVERY.toNanos()) {
						handle.lastPersisted = now;
						persist(handle.run);
					}
				}

				@Override
				public boolean cancelled() {
					return handle.cancelled;
				}
			};
			modelDirectory = Files.createTempDirectory("training-run-");
			String version;
			try (EmotionModel model = new ModelTrainer(hp, listener).train(corpus, handle.run.corpus(), fields)) {
				model.save(modelDirectory);
				version = model.version();
				var metrics = model.card().metrics();
				this.registry.register(modelDirectory, "training-run " + handle.run.id()).block(Duration.ofMinutes(5));
				if (handle.run.activate()) {
					this.registry.activate(version).block(Duration.ofMinutes(1));
				}
				finish(handle, handle.run.succeeded(version, model.card().kind(), metrics.accuracy(), metrics.macroF1(),
						metrics.n()));
			}
			log.info("training run {} produced model {}", handle.run.id(), version);
		}
		catch (TrainingCancelledException ex) {
			finish(handle, handle.run.withStatus("cancelled", handle.run.startedAt(), Instant.now(), null));
		}
		catch (IllegalArgumentException ex) {
			finish(handle, handle.run.withStatus("failed", handle.run.startedAt(), Instant.now(), ex.getMessage()));
		}
		catch (Exception ex) {
			log.error("training run {} failed", handle.run.id(), ex);
			finish(handle, handle.run.withStatus("failed", handle.run.startedAt(), Instant.now(),
					ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		finally {
			deleteRecursively(modelDirectory);
		}
	}

	private void finish(Handle handle, TrainingRun finished) {
		handle.update(finished);
		persist(finished);
		handle.events.tryEmitComplete();
		this.handles.remove(finished.id());
	}

	private void persist(TrainingRun run) {
		try {
			this.mongo.save(run).block(Duration.ofSeconds(30));
		}
		catch (RuntimeException ex) {
			log.warn("could not save the state of training run {}: {}", run.id(), ex.getMessage());
		}
	}

	private List<LabeledText> readCorpus(TrainingRunRequest request, List<String> fields) throws IOException {
		if (request.corpusFile() != null) {
			return CorpusReader.read(resolveCorpusFile(request.corpusFile()), fields);
		}
		Path download = Files.createTempFile("training-export-", ".jsonl");
		try {
			var flux = this.gateway.get()
				.uri(builder -> builder.path("/api/corpus/exports/training.jsonl")
					.queryParam("dataset", request.dataset())
					// no split: the whole dataset (an empty split= would be a filter that matches nothing)
					.queryParamIfPresent("split", java.util.Optional.ofNullable(request.split()).filter(split -> !split.isBlank()))
					.queryParam("fields", String.join(",", fields))
					.build())
				.headers(this::authorize)
				.retrieve()
				.bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class);
			DataBufferUtils.write(flux, download).block(Duration.ofMinutes(30));
			try (var in = Files.newInputStream(download)) {
				List<LabeledText> corpus = CorpusReader.readJsonLines(in);
				if (corpus.isEmpty()) {
					throw new IllegalArgumentException("the corpus-service export of dataset '" + request.dataset()
							+ "' has no labelled text");
				}
				return corpus;
			}
		}
		finally {
			Files.deleteIfExists(download);
		}
	}

	private void authorize(HttpHeaders headers) {
		if (!this.properties.serviceKey().isBlank()) {
			headers.setBearerAuth(this.properties.serviceKey());
		}
	}

	private static HyperParameters hyperParameters(TrainingRunRequest request) {
		try {
			HyperParameters hp = HyperParameters.defaults();
			if (request.kind() != null) {
				hp = hp.withKind(request.kind());
			}
			return request.hyperParameters() == null ? hp : hp.with(request.hyperParameters());
		}
		catch (IllegalArgumentException ex) {
			throw Problems.badRequest(ex.getMessage());
		}
	}

	private String corpusSource(TrainingRunRequest request, List<String> fields) {
		boolean file = request.corpusFile() != null && !request.corpusFile().isBlank();
		boolean dataset = request.dataset() != null && !request.dataset().isBlank();
		if (file == dataset) {
			throw Problems.badRequest("give exactly one corpus source: corpus_file (under the classifier's corpus "
					+ "directory) or dataset (a corpus-service dataset)");
		}
		if (file) {
			Path path = resolveCorpusFile(request.corpusFile());
			if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
				throw Problems.badRequest("corpus_file '" + request.corpusFile() + "' does not exist in the corpus "
						+ "directory " + this.properties.corpusDirectory().toAbsolutePath());
			}
			return "file:" + request.corpusFile();
		}
		return "dataset:" + request.dataset() + (request.split() == null ? "" : "/" + request.split());
	}

	private Path resolveCorpusFile(String name) {
		Path root = this.properties.corpusDirectory().toAbsolutePath().normalize();
		Path path = root.resolve(name).normalize();
		if (!path.startsWith(root)) {
			throw Problems.badRequest("corpus_file must be a path inside the corpus directory");
		}
		return path;
	}

	private static void deleteRecursively(Path directory) {
		if (directory == null) {
			return;
		}
		try (var walk = Files.walk(directory)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@PreDestroy
	void stop() {
		this.handles.values().forEach(handle -> handle.cancelled = true);
		this.executor.shutdownNow();
	}
}
