package dev.emotionmonitor.classifier.model;

/** Receives progress and is asked, between batches, whether the run was cancelled. */
public interface TrainingListener {

	TrainingListener NONE = progress -> {
	};

	void progress(TrainingProgress progress);

	default boolean cancelled() {
		return false;
	}
}
