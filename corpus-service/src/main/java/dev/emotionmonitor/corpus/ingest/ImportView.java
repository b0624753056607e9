package dev.emotionmonitor.corpus.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;
import dev.emotionmonitor.common.job.JobProgress;
import dev.emotionmonitor.corpus.ingest.ImportJob.Counts;
import dev.emotionmonitor.corpus.ingest.ImportJob.Rejection;
import dev.emotionmonitor.corpus.ingest.ImportJob.Report;

/**
 * An import as the API shows it: {@code status} is running, completed or failed; {@code problem} says why a failed
 * import was refused.
 */
record ImportView(String id, String status, String dataset, String split, String format, String fileName,
		Instant createdAt, Instant finishedAt, Progress progress, ReportView report, Map<String, Object> problem) {

	/**
	 * @param percent     of the file's bytes read (for xlsx: of the sheet's XML)
	 * @param etaSeconds  estimated seconds left while running
	 */
	// bytes_total, percent and eta_seconds are null until known, and a client still finds the fields
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Progress(long recordsRead, long accepted, long duplicates, long rejected, long bytesRead, Long bytesTotal,
			Double percent, double ratePerSecond, Double etaSeconds, double elapsedSeconds) {
	}

	/**
	 * @param acceptedByClass the six classes in canonical order
	 * @param rejections      the rejected records (the first ones, up to the rejection limit)
	 */
	record ReportView(Map<String, Long> acceptedByClass, List<LabelCount> acceptedByLabel, List<Rejection> rejections,
			LengthStats personLength) {
	}

	record LabelCount(String code, String name, String label, long count) {
	}

	static ImportView of(ImportJob job, Counts counts, Report report) {
		return new ImportView(job.id(), job.status(), job.dataset(), job.split(), job.format(), job.fileName(),
				job.createdAt(), job.finishedAt(), progress(job.status(), counts), report(report), job.problem());
	}

	private static Progress progress(String status, Counts counts) {
		Counts c = counts == null ? Counts.NONE : counts;
		double elapsed = c.elapsedSeconds();
		JobProgress bytes = new JobProgress(c.bytesRead(), c.bytesTotal(), elapsed);
		Double percent = ImportJob.COMPLETED.equals(status) ? Double.valueOf(100.0) : bytes.percent();
		Double eta = ImportJob.RUNNING.equals(status) ? bytes.etaSeconds() : null;
		double rate = new JobProgress(c.recordsRead(), -1, elapsed).ratePerSecond();
		return new Progress(c.recordsRead(), c.accepted(), c.duplicates(), c.rejected(), c.bytesRead(),
				c.bytesTotal() >= 0 ? c.bytesTotal() : null, percent, rate, eta, Math.round(elapsed * 1000) / 1000.0);
	}

	private static ReportView report(Report report) {
		Report r = report == null ? Report.EMPTY : report;
		Map<String, Long> byClass = new LinkedHashMap<>();
		for (Emotion emotion : Emotion.ALL) {
			byClass.put(emotion.id(), 0L);
		}
		List<LabelCount> byLabel = new ArrayList<>();
		FineLabels.all().forEach((code, name) -> {
			long count = r.acceptedByCode() == null ? 0 : r.acceptedByCode().getOrDefault(code, 0L);
			if (count > 0) {
				String label = Emotion.byCode(code).orElseThrow().id();
				byClass.merge(label, count, Long::sum);
				byLabel.add(new LabelCount(code, name, label, count));
			}
		});
		return new ReportView(byClass, byLabel, r.rejections() == null ? List.of() : r.rejections(),
				r.personLength() == null ? LengthStats.empty() : r.personLength());
	}
}
