package dev.emotionmonitor.corpus.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;

import dev.emotionmonitor.aihub.ByteCounter;
import dev.emotionmonitor.aihub.CorpusFileException;
import dev.emotionmonitor.aihub.CorpusFormat;
import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.corpus.config.CorpusProperties;
import dev.emotionmonitor.corpus.dialogue.Dialogue;
import dev.emotionmonitor.corpus.ingest.ImportJob.Counts;
import dev.emotionmonitor.corpus.ingest.ImportJob.Report;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Import jobs: checks a file up front (format, encoding, structure of its first record), takes the dataset's lock and
 * hands the import to the job kernel ({@link ImportJobs}: bounded workers, progress, events and recovery from the
 * store, so any replica shows any import).
 */
@Service
class ImportService implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);

	private final ReactiveMongoTemplate mongo;

	private final ImportLocks locks;

	private final CorpusProperties.Imports settings;

	private final ImportWorker worker;

	private final JobRunner jobs;

	ImportService(ReactiveMongoTemplate mongo, ImportLocks locks, CorpusProperties properties, ImportMetrics metrics,
			@Qualifier("importRunner") JobRunner jobs) {
		this.mongo = mongo;
		this.locks = locks;
		this.settings = properties.imports();
		this.worker = new ImportWorker(mongo, this.settings.maxRejections(), this.settings.batchSize(), metrics);
		this.jobs = jobs;
	}

	/** A file on this server's disk waiting to be imported; temporary ones (uploads) are deleted afterwards. */
	record ImportFile(String fileName, Path path, boolean temporary, String origin) {

		void discard() {
			if (this.temporary) {
				try {
					Files.deleteIfExists(this.path);
				}
				catch (IOException ex) {
					log.warn("Could not delete the uploaded file {}", this.path, ex);
				}
			}
		}
	}

	Mono<ImportView> start(ImportFile file, String dataset, String split) {
		return Mono.fromCallable(() -> inspect(file))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(format -> {
				String id = UUID.randomUUID().toString();
				ImportJob job = new ImportJob(id, dataset, split, format.id(), file.fileName(), file.origin(),
						ImportJob.RUNNING, Instant.now(), null, Counts.NONE, Report.EMPTY, null);
				return this.locks.acquire(dataset, id)
					.then(this.jobs.submit(job, this.worker.body(job, format, file))
						.onErrorResume(ex -> this.locks.release(id).then(Mono.error(ex))))
					.map(submitted -> ImportView.of(submitted, submitted.counts(), submitted.report()));
			})
			.doOnError(ex -> file.discard());
	}

	private CorpusFormat inspect(ImportFile file) {
		try {
			CorpusFormat format = CorpusFormat.detect(file.fileName(), file.path());
			try {
				format.reader().read(file.path(), new ByteCounter(), record -> {
					throw FirstRecordRead.INSTANCE;
				});
			}
			catch (FirstRecordRead enough) {
				// the file opened, its structure is right and one record came out
			}
			return format;
		}
		catch (CorpusFileException ex) {
			throw Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.properties());
		}
		catch (IOException ex) {
			// the exception names the server's (temporary) file; the caller learns only that reading failed
			log.info("Could not read {} ({}) before importing it", file.fileName(), file.origin(), ex);
			throw Problems.badRequest("The file could not be read; it may be damaged or truncated");
		}
	}

	Mono<ImportView> find(String id) {
		return this.mongo.findById(id, ImportJob.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No import with id " + id)))
			.map(this::view);
	}

	private ImportView view(ImportJob job) {
		return ImportView.of(job, job.counts(), job.report());
	}

	Mono<ItemPage<ImportView>> list(String dataset, String status, int page, int size) {
		Criteria criteria = new Criteria();
		if (dataset != null) {
			criteria = criteria.and("dataset").is(dataset);
		}
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		Query query = Query.query(criteria);
		Mono<Long> total = this.mongo.count(query, ImportJob.class);
		Mono<List<ImportView>> items = this.mongo
			.find(Query.query(criteria)
				.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
				.skip((long) page * size)
				.limit(size), ImportJob.class)
			.map(this::view)
			.collectList();
		return Mono.zip(items, total).map(both -> new ItemPage<>(both.getT1(), page, size, both.getT2()));
	}

	/**
	 * The import as it is now, then each saved change (read from the store every progress interval, so any replica
	 * streams any import) until the final state (event {@code completed} or {@code failed}).
	 */
	Flux<ServerSentEvent<ImportView>> events(String id) {
		return find(id).flatMapMany(first -> this.jobs.follow(id, ImportJob.class, this.settings.progressInterval())
			.map(this::view)
			.map(view -> ServerSentEvent.builder(view)
				.id(String.valueOf(view.progress().recordsRead()))
				.event(ImportJob.RUNNING.equals(view.status()) ? "progress" : view.status())
				.build()));
	}

	/**
	 * Removes an import and its dialogues. The import document goes first, which hides the dialogues at once;
	 * dialogues left behind by a crash in between are invisible and replaced by the next import of them.
	 */
	Mono<Void> delete(String id) {
		return this.mongo.findById(id, ImportJob.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No import with id " + id)))
			.flatMap(job -> {
				if (ImportJob.RUNNING.equals(job.status())) {
					return Mono.error(Problems.conflict("Import " + id + " is still running; delete it once it has finished"));
				}
				return this.mongo.remove(Query.query(where("_id").is(id)), ImportJob.class)
					.then(this.mongo.remove(Query.query(where("importId").is(id)), Dialogue.class))
					.then();
			});
	}

	/**
	 * On start: the kernel marks failed the imports whose replica is gone (undoing their dialogues and freeing their
	 * datasets); then locks taken just before a crash, with no import recorded, are freed.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.mongo.indexOps(Dialogue.class)
			.createIndex(new Index("importId", Sort.Direction.ASC))
			.then(this.jobs.recover())
			.thenMany(this.mongo.find(Query.query(where("status").is(ImportJob.RUNNING)), ImportJob.class))
			.map(ImportJob::id)
			.collectList()
			.flatMap(runningIds -> this.mongo.remove(Query.query(where("importId").nin(runningIds)),
					ImportLocks.COLLECTION))
			.block();
	}

	/** Stops the up-front check after the first record: enough to know the file's shape is right. */
	private static final class FirstRecordRead extends RuntimeException {

		static final FirstRecordRead INSTANCE = new FirstRecordRead();

		private FirstRecordRead() {
			super(null, null, false, false);
		}
	}
}
