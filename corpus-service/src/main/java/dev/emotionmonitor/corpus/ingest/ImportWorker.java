package dev.emotionmonitor.corpus.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

import dev.emotionmonitor.aihub.CorpusFileException;
import dev.emotionmonitor.aihub.CorpusFormat;
import dev.emotionmonitor.aihub.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.aihub.ParsedRecord.RejectedRecord;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;
import dev.emotionmonitor.common.job.JobBody;
import dev.emotionmonitor.common.job.JobCancelledException;
import dev.emotionmonitor.common.job.JobContext;
import dev.emotionmonitor.common.job.JobOutcome;
import dev.emotionmonitor.corpus.dialogue.Dialogue;
import dev.emotionmonitor.corpus.ingest.ImportJob.Rejection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The body of an import job, on an import worker thread (blocking is fine there, never on the event loop): streams
 * the file, writes new dialogues in batches tagged with the import id and saves progress at the kernel's cadence;
 * answers the counts and report to commit with status {@code completed}, or the problem of a refused file. The kernel
 * writes the final status; {@link ImportJobs} undoes the dialogues of an import that did not complete and frees its
 * dataset.
 */
final class ImportWorker {

	private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

	private final ReactiveMongoTemplate mongo;

	private final int maxRejections;

	private final int batchSize;

	private final ImportMetrics metrics;

	ImportWorker(ReactiveMongoTemplate mongo, int maxRejections, int batchSize, ImportMetrics metrics) {
		this.mongo = mongo;
		this.metrics = metrics;
		this.maxRejections = maxRejections;
		this.batchSize = batchSize;
	}

	JobBody body(ImportJob stored, CorpusFormat format, ImportService.ImportFile file) {
		return context -> run(context, new RunningImport(stored.id(), stored.dataset(), this.maxRejections), stored,
				format, file);
	}

	private JobOutcome run(JobContext context, RunningImport job, ImportJob stored, CorpusFormat format,
			ImportService.ImportFile file) {
		long started = System.nanoTime();
		boolean counted = false;
		try {
			read(context, job, stored, format, file);
			if (job.acceptedCount() + job.duplicateCount() == 0) {
				throw new CorpusFileException(job.recordsRead() == 0 ? "The file contains no dialogues"
						: "No dialogue in the file could be imported: all " + job.rejectedCount()
								+ " records were rejected (first: " + firstReason(job) + ")");
			}
			// counted before the status flips, so whoever sees the import completed sees it in the metrics
			this.metrics.finished(true, job.acceptedCount(), job.rejectedCount(), System.nanoTime() - started);
			counted = true;
			log.info("Import {} into {} read: {} accepted, {} duplicates, {} rejected", job.id(), job.dataset(),
					job.acceptedCount(), job.duplicateCount(), job.rejectedCount());
			return JobOutcome.succeeded(Update.update("counts", job.counts()).set("report", job.report()));
		}
		catch (CorpusFileException ex) {
			return failed(job, HttpStatus.BAD_REQUEST, ex.getMessage(), ex.properties());
		}
		catch (IOException ex) {
			log.warn("Import {} could not read its file", job.id(), ex);
			return failed(job, HttpStatus.BAD_REQUEST,
					"The file could not be read to its end; it may be damaged or truncated", Map.of());
		}
		catch (JobCancelledException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// the exception's message may name classes or server paths: it goes to the log only
			log.error("Import {} failed", job.id(), ex);
			return failed(job, HttpStatus.INTERNAL_SERVER_ERROR,
					"The import failed because of a server error (logged as import " + job.id() + ")", Map.of());
		}
		finally {
			if (!counted) {
				this.metrics.finished(false, job.acceptedCount(), job.rejectedCount(), System.nanoTime() - started);
			}
		}
	}

	/** Streams the file into the store; the file of an upload is gone before the import is seen to finish. */
	private void read(JobContext context, RunningImport job, ImportJob stored, CorpusFormat format,
			ImportService.ImportFile file) throws IOException {
		try {
			Set<String> committed = new HashSet<>(this.mongo
				.find(Query.query(where("dataset").is(job.dataset()).and("status").is(ImportJob.COMPLETED)),
						ImportJob.class)
				.map(ImportJob::id)
				.collectList()
				.block());
			Batch batch = new Batch(context, job, stored, committed, storedIds(job.dataset()));
			format.reader().read(file.path(), job.bytes(), record -> {
				job.recordRead();
				if (record instanceof ParsedDialogue dialogue) {
					batch.add(dialogue);
				}
				else {
					reject(job, (RejectedRecord) record);
				}
			});
			batch.flush();
		}
		finally {
			file.discard();
		}
	}

	/**
	 * The ids already in the dataset and the import each belongs to, read once (a projection of two short fields):
	 * one query instead of one per batch, and nothing the embedded store would have to scan for repeatedly. The
	 * dataset's lock keeps other imports from adding to it meanwhile.
	 */
	private Map<String, String> storedIds(String dataset) {
		Query query = Query.query(where("dataset").is(dataset));
		query.fields().include("_id", "importId");
		Map<String, String> ids = new HashMap<>();
		this.mongo.find(query, Document.class, "dialogues")
			.doOnNext(found -> ids.put(found.getString("_id"), found.getString("importId")))
			.then()
			.block();
		return ids;
	}

	private void reject(RunningImport job, RejectedRecord rejected) {
		job.rejected(new Rejection(rejected.record(), rejected.row(), rejected.talkId(), rejected.reason()));
		if (job.rejectedCount() > this.maxRejections) {
			throw new CorpusFileException("More than " + this.maxRejections + " records were rejected, so the whole "
					+ "file is refused (first: " + firstReason(job) + "); see the import's rejections",
					Map.of("rejected", job.rejectedCount(), "max_rejections", this.maxRejections));
		}
	}

	private static String firstReason(RunningImport job) {
		List<Rejection> rejections = job.rejections();
		if (rejections.isEmpty()) {
			return "none";
		}
		Rejection first = rejections.get(0);
		return (first.row() != null ? "row " + first.row() : "record " + first.record()) + ": " + first.reason();
	}

	private static JobOutcome failed(RunningImport job, HttpStatus status, String detail,
			Map<String, Object> properties) {
		log.info("Import {} into {} failed: {}", job.id(), job.dataset(), detail);
		return JobOutcome.failed(Update.update("counts", job.counts())
			.set("report", job.report())
			.set("problem", ImportJobs.problem(status, detail, properties)));
	}

	/** Dialogues waiting for one bulk insert; drops those already stored (committed, or earlier in this file). */
	private final class Batch {

		private final JobContext context;

		private final RunningImport job;

		private final ImportJob importJob;

		private final Set<String> committedImports;

		private final Map<String, Dialogue> pending = new LinkedHashMap<>();

		/** Dialogue id → import id of what the dataset held when this import started. */
		private final Map<String, String> stored;

		/** Ids this import has written (a file may repeat a dialogue). */
		private final Set<String> written = new HashSet<>();

		Batch(JobContext context, RunningImport job, ImportJob importJob, Set<String> committedImports,
				Map<String, String> stored) {
			this.context = context;
			this.job = job;
			this.stored = stored;
			this.importJob = importJob;
			this.committedImports = committedImports;
		}

		void add(ParsedDialogue parsed) {
			Dialogue dialogue = toDialogue(parsed);
			String id = dialogue.id();
			String holder = this.stored.get(id);
			if (this.written.contains(id) || this.pending.containsKey(id)
					|| (holder != null && this.committedImports.contains(holder))) {
				this.job.duplicate();
				return;
			}
			this.pending.put(id, dialogue);
			if (this.pending.size() >= ImportWorker.this.batchSize) {
				flush();
			}
		}

		void flush() {
			if (this.pending.isEmpty()) {
				return;
			}
			// left behind by an import that was deleted or interrupted: never visible, so replaced
			List<String> orphans = this.pending.keySet().stream().filter(this.stored::containsKey).toList();
			if (!orphans.isEmpty()) {
				ImportWorker.this.mongo.remove(Query.query(where("_id").in(orphans)), "dialogues").block();
			}
			ImportWorker.this.mongo.insertAll(new ArrayList<>(this.pending.values())).then().block();
			this.pending.values().forEach(dialogue -> this.job.accepted(dialogue.code(), dialogue.personLength()));
			this.written.addAll(this.pending.keySet());
			this.pending.clear();
			this.context.progress(() -> Update.update("counts", this.job.counts()));
			// a replica that stops leaves the import to recovery, which undoes it
			this.context.throwIfCancelled();
		}

		private Dialogue toDialogue(ParsedDialogue parsed) {
			Emotion major = Emotion.byCode(parsed.code()).orElseThrow();
			int personLength = 0;
			int personFields = 0;
			for (Map.Entry<String, String> text : parsed.content().entrySet()) {
				if (text.getKey().startsWith("HS")) {
					personLength += text.getValue().length();
					personFields++;
				}
			}
			personLength += Math.max(0, personFields - 1);
			return new Dialogue(this.importJob.dataset() + "/" + parsed.key(), this.importJob.dataset(),
					this.importJob.split(),
					this.job.id(), parsed.talkId(), parsed.profileId(), parsed.personaId(), parsed.age(),
					parsed.gender(), parsed.situation(), parsed.disease(), parsed.code(), major.id(), major.korean(),
					FineLabels.name(parsed.code()), parsed.group(), parsed.content(), personLength,
					parsed.row() != null ? parsed.row() : parsed.record());
		}
	}
}
