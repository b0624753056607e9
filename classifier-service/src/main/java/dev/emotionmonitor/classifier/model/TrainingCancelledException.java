package dev.emotionmonitor.classifier.model;

/** Thrown out of training when its listener reports the run cancelled; nothing is saved. */
public class TrainingCancelledException extends RuntimeException {

	public TrainingCancelledException() {
		super("training cancelled");
	}
}
