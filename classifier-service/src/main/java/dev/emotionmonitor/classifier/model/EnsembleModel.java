package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.emotion.Emotion;

/** A weighted average of member models' probabilities; members live in sub-directories named by their kind. */
public final class EnsembleModel extends EmotionModel {

	private final Map<String, NetworkModel> members;

	private final Map<String, Double> weights;

	private ModelCard card;

	Map<String, NetworkModel> members() {
		return this.members;
	}

	EnsembleModel(Map<String, NetworkModel> members, Map<String, Double> weights, ModelCard card) {
		this.members = members;
		this.weights = weights;
		this.card = card;
	}

	static EnsembleModel load(Path directory, ModelCard card) throws IOException {
		Map<String, NetworkModel> members = new LinkedHashMap<>();
		try {
			for (String member : card.members().keySet()) {
				Path memberDirectory = directory.resolve(member);
				members.put(member, NetworkModel.load(memberDirectory, ModelCard.read(memberDirectory)));
			}
		}
		catch (IOException | RuntimeException ex) {
			members.values().forEach(NetworkModel::close);
			throw ex;
		}
		return new EnsembleModel(members, card.members(), card);
	}

	@Override
	public ModelCard card() {
		return this.card;
	}

	@Override
	public void renameVersion(String version) {
		this.card = this.card.withVersion(version);
		this.members.forEach((kind, member) -> member.renameVersion(version + "/" + kind));
	}

	void setCard(ModelCard card) {
		this.card = card;
	}

	@Override
	public TextPredictor newPredictor() {
		Map<TextPredictor, Double> predictors = new LinkedHashMap<>();
		this.members.forEach((kind, model) -> predictors.put(model.newPredictor(), this.weights.get(kind)));
		return new TextPredictor() {
			@Override
			public float[][] predict(List<String> texts) {
				float[][] combined = new float[texts.size()][Emotion.COUNT];
				predictors.forEach((predictor, weight) -> {
					float[][] scores = predictor.predict(texts);
					for (int i = 0; i < scores.length; i++) {
						for (int c = 0; c < Emotion.COUNT; c++) {
							combined[i][c] += (float) (weight * scores[i][c]);
						}
					}
				});
				return combined;
			}

			@Override
			public void close() {
				predictors.keySet().forEach(TextPredictor::close);
			}
		};
	}

	@Override
	public void save(Path directory) throws IOException {
		Files.createDirectories(directory);
		List<String> files = new ArrayList<>();
		for (Map.Entry<String, NetworkModel> member : this.members.entrySet()) {
			member.getValue().save(directory.resolve(member.getKey()));
			member.getValue().card().files().forEach(file -> files.add(member.getKey() + "/" + file));
		}
		files.add(ModelCard.FILE);
		this.card = this.card.withFiles(files);
		this.card.write(directory);
	}

	@Override
	public double flopsPerText(int tokens, int features) {
		return this.members.values().stream().mapToDouble(member -> member.flopsPerText(tokens, features)).sum();
	}

	@Override
	public void close() {
		this.members.values().forEach(NetworkModel::close);
	}
}
