package dev.emotionmonitor.corpus.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.emotionmonitor.aihub.ByteCounter;
import dev.emotionmonitor.corpus.ingest.ImportJob.Counts;
import dev.emotionmonitor.corpus.ingest.ImportJob.Rejection;
import dev.emotionmonitor.corpus.ingest.ImportJob.Report;

/**
 * Live counters of an import in progress. One worker thread writes them; request threads read snapshots for
 * {@code GET /imports/{id}} and the event stream.
 */
final class RunningImport {

	private final String id;

	private final String dataset;

	private final ByteCounter bytes = new ByteCounter();

	private final long startNanos = System.nanoTime();

	private volatile long recordsRead;

	private volatile long accepted;

	private volatile long duplicates;

	private volatile long rejected;

	private final Map<String, Long> acceptedByCode = new TreeMap<>();

	private final List<Rejection> rejections = new ArrayList<>();

	private final LengthStats.Builder lengths = new LengthStats.Builder();

	private final int keptRejections;

	RunningImport(String id, String dataset, int keptRejections) {
		this.id = id;
		this.dataset = dataset;
		this.keptRejections = keptRejections;
	}

	String id() {
		return this.id;
	}

	String dataset() {
		return this.dataset;
	}

	ByteCounter bytes() {
		return this.bytes;
	}

	void recordRead() {
		this.recordsRead++;
	}

	synchronized void rejected(Rejection rejection) {
		this.rejected++;
		if (this.rejections.size() < this.keptRejections) {
			this.rejections.add(rejection);
		}
	}

	synchronized void accepted(String code, int personLength) {
		this.accepted++;
		this.acceptedByCode.merge(code, 1L, Long::sum);
		this.lengths.add(personLength);
	}

	void duplicate() {
		this.duplicates++;
	}

	long recordsRead() {
		return this.recordsRead;
	}

	long acceptedCount() {
		return this.accepted;
	}

	long duplicateCount() {
		return this.duplicates;
	}

	long rejectedCount() {
		return this.rejected;
	}

	synchronized List<Rejection> rejections() {
		return List.copyOf(this.rejections);
	}

	Counts counts() {
		return new Counts(this.recordsRead, this.accepted, this.duplicates, this.rejected, this.bytes.read(),
				this.bytes.total(), (System.nanoTime() - this.startNanos) / 1e9);
	}

	synchronized Report report() {
		return new Report(new TreeMap<>(this.acceptedByCode), List.copyOf(this.rejections), this.lengths.build());
	}
}
