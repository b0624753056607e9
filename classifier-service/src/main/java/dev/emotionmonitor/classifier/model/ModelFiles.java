package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Loads a model directory, from disk or from the classpath. */
public final class ModelFiles {

	private ModelFiles() {
	}

	public static EmotionModel load(Path directory) throws IOException {
		ModelCard card = ModelCard.read(directory);
		if (card.kind().equals("ensemble")) {
			return EnsembleModel.load(directory, card);
		}
		if (card.kind().equals(ImportedModel.KIND)) {
			return ImportedModel.load(directory, card);
		}
		return NetworkModel.load(directory, card);
	}

	/** Copies a model directory shipped on the classpath (listed by its model.json) into {@code target}. */
	public static Path copyFromClasspath(String resourceDirectory, Path target) throws IOException {
		ClassLoader loader = ModelFiles.class.getClassLoader();
		Files.createDirectories(target);
		try (InputStream card = loader.getResourceAsStream(resourceDirectory + "/" + ModelCard.FILE)) {
			if (card == null) {
				throw new IOException("no model on the classpath at " + resourceDirectory);
			}
			Files.copy(card, target.resolve(ModelCard.FILE), StandardCopyOption.REPLACE_EXISTING);
		}
		for (String file : ModelCard.read(target).files()) {
			Path destination = target.resolve(file);
			Files.createDirectories(destination.getParent());
			try (InputStream in = loader.getResourceAsStream(resourceDirectory + "/" + file)) {
				if (in == null) {
					throw new IOException("model file missing from the classpath: " + resourceDirectory + "/" + file);
				}
				Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		return target;
	}
}
