package dev.emotionmonitor.classifier.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
import dev.emotionmonitor.common.gateway.ServiceClient;
import dev.emotionmonitor.common.job.JobCancelledException;
import dev.emotionmonitor.common.job.JobContext;
import dev.emotionmonitor.common.job.JobOutcome;
import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.common.job.JobStatus;
import dev.emotionmonitor.common.problem.Problems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

/**
 * Training runs as jobs of the common kernel ({@link TrainingRunJobs}): recorded queued, run one at a time, progress
 * saved at the kernel's cadence (each phase change and epoch at once), shown, streamed and cancelled from the store by
 * any replica; a finished run's model is registered (and activated on request).
 */
@Service
class TrainingRunService {

	private static final Logger log = LoggerFactory.getLogger(TrainingRunService.class);

	private final ReactiveMongoTemplate mongo;

	private final ModelRegistry registry;

	private final ClassifierProperties properties;

	private final ServiceClient services;

	private final JobRunner jobs;

	TrainingRunService(ReactiveMongoTemplate mongo, ModelRegistry registry, ClassifierProperties properties,
			MeterRegistry meters, @Qualifier("trainingRunner") JobRunner jobs, ServiceClient services) {
		for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
			Gauge.builder("emotion.classifier.training.runs", jobs, runner -> runner.held(status))
				.description("Training runs on this replica, by status")
				.tag("status", status.name().toLowerCase(Locale.ROOT))
				.register(meters);
		}
		this.mongo = mongo;
		this.registry = registry;
		this.properties = properties;
		this.jobs = jobs;
		this.services = services;
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
		return datasetExists(request).then(Mono.defer(() -> this.jobs.submit(run, job -> execute(job, run, request,
				hp, fields))));
	}

	/**
	 * A run on an imported dataset is refused at once when the corpus-service does not know the dataset or split,
	 * with the corpus-service's own detail, rather than accepted and failed later.
	 */
	private Mono<Void> datasetExists(TrainingRunRequest request) {
		if (request.corpusFile() != null || request.dataset() == null) {
			return Mono.empty();
		}
		return this.services.web().get()
			.uri(builder -> builder.path("/api/corpus/stats")
				.queryParam("dataset", request.dataset())
				.queryParamIfPresent("split", java.util.Optional.ofNullable(request.split()).filter(split -> !split.isBlank()))
				.build())
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
		return this.mongo.findById(id, TrainingRun.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no training run " + id)));
	}

	Flux<TrainingRun> list(int page, int size) {
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "createdAt", "_id")).skip((long) page * size)
			.limit(size);
		return this.mongo.find(query, TrainingRun.class);
	}

	Mono<Long> count() {
		return this.mongo.count(new Query(), TrainingRun.class);
	}

	/**
	 * The run's states as they change, starting with the current one, read from the store (so any replica streams
	 * any run); completes when the run ends.
	 */
	Flux<TrainingRun> events(String id) {
		return this.jobs.follow(id, TrainingRun.class);
	}

	/** From any replica: a queued run is cancelled at once, a running one at its worker's next progress save. */
	Mono<TrainingRun> cancel(String id) {
		return this.jobs.cancel(id)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no training run " + id)))
			.flatMap(cancelled -> get(id).flatMap(run -> cancelled ? Mono.just(run)
					: Mono.error(Problems.conflict("training run " + id + " already " + run.status()))));
	}

	private JobOutcome execute(JobContext job, TrainingRun run, TrainingRunRequest request, HyperParameters hp,
			List<String> fields) throws IOException {
		Path modelDirectory = null;
		AtomicReference<TrainingProgress> last = new AtomicReference<>();
		try {
			List<LabeledText> corpus = readCorpus(request, fields);
			job.throwIfCancelled();
			TrainingListener listener = new TrainingListener() {
				@Override
				public void progress(TrainingProgress progress) {
					TrainingProgress previous = last.getAndSet(progress);
					// the end of each epoch and each new phase are saved at once; batches at the kernel's cadence
					if (previous == null || !"training".equals(progress.phase())
							|| !progress.phase().equals(previous.phase())) {
						job.save(Update.update("progress", progress));
					}
					else {
						job.progress(() -> Update.update("progress", progress));
					}
				}

				@Override
				public boolean cancelled() {
					return job.cancelRequested();
				}
			};
			modelDirectory = Files.createTempDirectory("training-run-");
			try (EmotionModel model = new ModelTrainer(hp, listener).train(corpus, run.corpus(), fields)) {
				model.save(modelDirectory);
				String version = model.version();
				var metrics = model.card().metrics();
				this.registry.register(modelDirectory, "training-run " + run.id()).block(Duration.ofMinutes(5));
				if (run.activate()) {
					this.registry.activate(version).block(Duration.ofMinutes(1));
				}
				log.info("training run {} produced model {}", run.id(), version);
				return JobOutcome.succeeded(Update.update("modelVersion", version)
					.set("modelKind", model.card().kind())
					.set("accuracy", metrics.accuracy())
					.set("macroF1", metrics.macroF1())
					.set("evaluatedOn", metrics.n())
					.set("progress", last.get()));
			}
		}
		catch (TrainingCancelledException ex) {
			throw new JobCancelledException();
		}
		catch (IllegalArgumentException ex) {
			return JobOutcome.failed(Update.update("error", ex.getMessage()));
		}
		finally {
			deleteRecursively(modelDirectory);
		}
	}

	private List<LabeledText> readCorpus(TrainingRunRequest request, List<String> fields) throws IOException {
		if (request.corpusFile() != null) {
			return CorpusReader.read(resolveCorpusFile(request.corpusFile()), fields);
		}
		Path download = Files.createTempFile("training-export-", ".jsonl");
		try {
			// on the training worker's thread: streamed straight into the file
			this.services.rest().get()
				.uri(builder -> builder.path("/api/corpus/exports/training.jsonl")
					.queryParam("dataset", request.dataset())
					// no split: the whole dataset (an empty split= would be a filter that matches nothing)
					.queryParamIfPresent("split", java.util.Optional.ofNullable(request.split()).filter(split -> !split.isBlank()))
					.queryParam("fields", String.join(",", fields))
					.build())
				.exchange((exportRequest, response) -> {
					if (response.getStatusCode().isError()) {
						throw response.createException();
					}
					return Files.copy(response.getBody(), download, StandardCopyOption.REPLACE_EXISTING);
				});
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
}
