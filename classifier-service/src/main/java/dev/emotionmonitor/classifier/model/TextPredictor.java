package dev.emotionmonitor.classifier.model;

import java.util.List;

/** Six probabilities per text, canonical order. Not thread-safe: one per worker thread. */
public interface TextPredictor extends AutoCloseable {

	float[][] predict(List<String> texts);

	@Override
	void close();
}
