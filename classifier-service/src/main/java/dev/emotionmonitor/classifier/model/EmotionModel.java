package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A loaded model. Thread-safe; its predictors are not (one per worker thread). */
public abstract sealed class EmotionModel implements AutoCloseable permits NetworkModel, EnsembleModel, ImportedModel {

	public abstract ModelCard card();

	public abstract TextPredictor newPredictor();

	/** Saves the whole directory (parameters, vocabulary, model.json with the file list). */
	public abstract void save(Path directory) throws IOException;

	/** Estimated multiply-adds ×2 of one forward pass for a text of {@code tokens} morphemes and {@code features} n-grams. */
	public abstract double flopsPerText(int tokens, int features);

	@Override
	public abstract void close();

	public float[][] predict(List<String> texts) {
		try (TextPredictor predictor = newPredictor()) {
			return predictor.predict(texts);
		}
	}

	/** Gives the model another version name (e.g. the shipped starter model's); members follow. */
	public abstract void renameVersion(String version);

	public String version() {
		return card().version();
	}
}
