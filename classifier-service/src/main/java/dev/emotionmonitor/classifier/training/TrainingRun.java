package dev.emotionmonitor.classifier.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.model.TrainingProgress;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A training run as stored.
 *
 * @param status {@code queued}, {@code running}, {@code succeeded}, {@code failed}, {@code cancelled} or
 *               {@code interrupted} (its replica stopped or died while it ran; see {@link TrainingRunJobs})
 */
@Document("training_runs")
record TrainingRun(@Id String id, String status, String kind, String corpus, List<String> fields,
		Map<String, Object> hyperParameters, boolean activate, Instant createdAt, Instant startedAt,
		Instant finishedAt, TrainingProgress progress, String modelVersion, String modelKind, Double accuracy,
		Double macroF1, Integer evaluatedOn, String error) {
}
