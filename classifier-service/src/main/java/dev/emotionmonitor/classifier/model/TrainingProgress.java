package dev.emotionmonitor.classifier.model;

/**
 * A progress report of a training run.
 *
 * @param phase {@code training}, {@code validating}, {@code evaluating} or {@code done}
 * @param kind the network being trained ({@code ngram} or {@code transformer})
 * @param examplesDone examples seen so far over the whole run; {@code examplesPlanned} if no early stop happens
 */
public record TrainingProgress(String phase, String kind, int epoch, int epochs, long examplesDone,
		long examplesPlanned, double loss, Double validationLoss, Double validationAccuracy, double examplesPerSecond,
		double etaSeconds) {
}
