package dev.emotionmonitor.corpus.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One import of one corpus file into a dataset. Its single-document status flip from {@code running} to
 * {@code completed} is what makes its dialogues visible; a failed import's dialogues are deleted.
 *
 * @param origin {@code upload} or {@code path}
 * @param report accepted per fine code, rejected records, length distribution (final once not running)
 */
@Document("imports")
record ImportJob(@Id String id, String dataset, String split, String format, String fileName, String origin,
		String status, Instant createdAt, Instant finishedAt, Counts counts, Report report,
		Map<String, Object> problem) {

	static final String RUNNING = "running";

	static final String COMPLETED = "completed";

	static final String FAILED = "failed";

	record Counts(long recordsRead, long accepted, long duplicates, long rejected, long bytesRead, long bytesTotal,
			double elapsedSeconds) {

		static final Counts NONE = new Counts(0, 0, 0, 0, 0, -1, 0);
	}

	record Report(Map<String, Long> acceptedByCode, List<Rejection> rejections, LengthStats personLength) {

		static final Report EMPTY = new Report(Map.of(), List.of(), LengthStats.empty());
	}

	/**
	 * @param record 1-based record number (dialogue in the JSON array, data row of a sheet)
	 * @param row    the sheet row (header = 1) for xlsx and CSV; null for JSON
	 */
	record Rejection(long record, Long row, String talkId, String reason) {
	}
}
