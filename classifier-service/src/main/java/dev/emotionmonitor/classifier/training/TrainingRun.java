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
 * @param status {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 */
@Document("training_runs")
record TrainingRun(@Id String id, String status, String kind, String corpus, List<String> fields,
		Map<String, Object> hyperParameters, boolean activate, Instant createdAt, Instant startedAt,
		Instant finishedAt, TrainingProgress progress, String modelVersion, String modelKind, Double accuracy,
		Double macroF1, Integer evaluatedOn, String error) {

	boolean finished() {
		return this.status.equals("succeeded") || this.status.equals("failed") || this.status.equals("cancelled");
	}

	TrainingRun withStatus(String newStatus, Instant started, Instant finished, String newError) {
		return new TrainingRun(this.id, newStatus, this.kind, this.corpus, this.fields, this.hyperParameters,
				this.activate, this.createdAt, started, finished, this.progress, this.modelVersion, this.modelKind,
				this.accuracy, this.macroF1, this.evaluatedOn, newError);
	}

	TrainingRun withProgress(TrainingProgress newProgress) {
		return new TrainingRun(this.id, this.status, this.kind, this.corpus, this.fields, this.hyperParameters,
				this.activate, this.createdAt, this.startedAt, this.finishedAt, newProgress, this.modelVersion,
				this.modelKind, this.accuracy, this.macroF1, this.evaluatedOn, this.error);
	}

	TrainingRun succeeded(String version, String newModelKind, double newAccuracy, double newMacroF1, int n) {
		return new TrainingRun(this.id, "succeeded", this.kind, this.corpus, this.fields, this.hyperParameters,
				this.activate, this.createdAt, this.startedAt, Instant.now(), this.progress, version, newModelKind,
				newAccuracy, newMacroF1, n, null);
	}
}
