package dev.emotionmonitor.classifier.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.emotionmonitor.aihub.GroupedSplit;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.common.emotion.Emotion;

/**
 * Trains a model of the requested kind on a grouped split and evaluates it on the held-out groups. For {@code auto}
 * the three networks are trained (linear, ngram, transformer); the early-stopping split (groups of the training side)
 * picks one of them or a weighted ensemble by macro-F1 — the held-out groups are never used for any choice. Once kind, epochs and
 * weights are chosen, the model is trained again with those settings on more data (the refit): on the whole training
 * side for cross-validation, which then evaluates the refit model; on everything for the model that ships, whose
 * card keeps the held-out figures of the selection model and says so.
 */
public final class ModelTrainer {

	private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final HyperParameters hp;

	private final TrainingListener listener;

	public ModelTrainer(HyperParameters hp, TrainingListener listener) {
		this.hp = hp;
		this.listener = listener;
	}

	/** Holds out {@code hold_out_fraction} of the groups, trains on the rest, evaluates on the held-out part. */
	public EmotionModel train(List<LabeledText> corpus, String corpusName, List<String> fields) {
		if (corpus.isEmpty()) {
			throw new IllegalArgumentException("the corpus has no labelled text in the fields " + fields);
		}
		GroupedSplit.Split<LabeledText> split = GroupedSplit.holdOut(corpus, LabeledText::group, this.hp.holdOutFraction(), this.hp.seed());
		return trainAndEvaluate(split, corpusName, fields, Refit.EVERYTHING_AFTER_EVALUATION);
	}

	/** What the refit trains on, and which model the figures describe. */
	public enum Refit {

		/** evaluate the selection model on the held-out groups, then refit on everything: the model that ships */
		EVERYTHING_AFTER_EVALUATION,
		/** refit on the training side and evaluate that model on the held-out groups: cross-validation */
		TRAINING_SIDE_BEFORE_EVALUATION

	}

	public EmotionModel trainAndEvaluate(GroupedSplit.Split<LabeledText> split, String corpusName, List<String> fields,
			Refit refit) {
		long started = System.nanoTime();
		GroupedSplit.Split<LabeledText> inner = GroupedSplit.holdOut(split.train(), LabeledText::group, this.hp.earlyStoppingFraction(),
				this.hp.seed() + 1);
		List<String> kinds = this.hp.kind().equals("auto") ? HyperParameters.KINDS : List.of(this.hp.kind());
		NetworkTrainer.RunClock clock = new NetworkTrainer.RunClock();
		for (String kind : kinds) {
			clock.examplesPlanned += (long) NetworkTrainer.epochsOf(kind, this.hp) * inner.train().size();
		}
		NetworkTrainer trainer = new NetworkTrainer(this.hp, this.listener, clock);
		Map<String, NetworkModel> networks = new LinkedHashMap<>();
		try {
			for (String kind : kinds) {
				networks.put(kind, trainer.train(kind, inner.train(), inner.test()));
			}
		}
		catch (RuntimeException ex) {
			networks.values().forEach(NetworkModel::close);
			throw ex;
		}
		Map<String, Object> trainedFigures = new LinkedHashMap<>();
		networks.forEach((kind, network) -> trainedFigures.put(kind, network.card().training()));
		Map<String, Object> selection = new LinkedHashMap<>();
		EmotionModel chosen = choose(networks, inner.test(), selection);

		this.listener.progress(new TrainingProgress("evaluating", chosen.card().kind(), 0, 0, clock.examplesDone,
				clock.examplesPlanned, 0, null, null, NetworkTrainer.round(clock.rate()), 0));
		List<LabeledText> evaluated = split.test().isEmpty() ? split.train() : split.test();
		int[] truth = evaluated.stream().mapToInt(text -> text.label().ordinal()).toArray();
		Map<String, Object> refitFigures = new LinkedHashMap<>();
		if (refit == Refit.TRAINING_SIDE_BEFORE_EVALUATION) {
			chosen = refit(chosen, split.train(), trainer, refitFigures);
			refitFigures.put("figures_measured_on", "the refit model");
		}
		Evaluation metrics = Evaluation.of(truth, chosen.predict(evaluated.stream().map(LabeledText::text).toList()));
		if (refit == Refit.EVERYTHING_AFTER_EVALUATION && !split.test().isEmpty()) {
			List<LabeledText> everything = new java.util.ArrayList<>(split.train());
			everything.addAll(split.test());
			chosen = refit(chosen, everything, trainer, refitFigures);
			refitFigures.put("figures_measured_on", "the selection model (trained on " + inner.train().size()
					+ " examples) before the refit; the shipped model has seen the held-out groups");
		}

		Map<String, Object> training = new LinkedHashMap<>();
		training.put("examples", split.train().size() + split.test().size());
		training.put("trained_on", inner.train().size());
		training.put("early_stopping_examples", inner.test().size());
		training.put("held_out", split.test().size());
		training.put("evaluated_on", split.test().isEmpty() ? "training split (too few groups to hold any out)"
				: "held-out groups");
		training.put("seconds", NetworkTrainer.round((System.nanoTime() - started) / 1e9));
		training.putAll(trainedFigures);
		training.put("selection", selection);
		training.put("refit", refitFigures);

		String version = VERSION_TIME.format(Instant.now()) + "-" + chosen.card().kind() + "-"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		ModelCard card = new ModelCard(1, version, chosen.card().kind(), this.hp.kind(), Instant.now(), corpusName,
				fields, Emotion.ids(), Emotion.koreanNames(), this.hp, metrics,
				training, chosen.card().members(), List.of());
		setCard(chosen, card);
		if (chosen instanceof EnsembleModel ensemble) {
			ensemble.members().values().forEach(member -> member.setCard(memberCard(member, card)));
		}
		return chosen;
	}

	/**
	 * Trains the chosen kind(s) again on {@code data} for as many epochs as early stopping found best, with no
	 * early-stopping split, and closes the selection model.
	 */
	private EmotionModel refit(EmotionModel selected, List<LabeledText> data, NetworkTrainer trainer,
			Map<String, Object> figures) {
		Map<String, NetworkModel> members = selected instanceof EnsembleModel ensemble ? ensemble.members()
				: Map.of(selected.card().kind(), (NetworkModel) selected);
		Map<String, NetworkModel> refitted = new LinkedHashMap<>();
		Map<String, Object> epochs = new LinkedHashMap<>();
		try {
			for (Map.Entry<String, NetworkModel> member : members.entrySet()) {
				Object best = member.getValue().card().training().get("best_epoch");
				int bestEpoch = Math.max(1, best instanceof Number number ? number.intValue() : 1);
				epochs.put(member.getKey(), bestEpoch);
				HyperParameters fixed = this.hp.with(member.getKey() + "_epochs", Integer.toString(bestEpoch));
				trainer.clock().examplesPlanned += (long) bestEpoch * data.size();
				refitted.put(member.getKey(), trainer.with(fixed).train(member.getKey(), data, List.of()));
			}
		}
		catch (RuntimeException ex) {
			refitted.values().forEach(NetworkModel::close);
			throw ex;
		}
		selected.close();
		figures.put("examples", data.size());
		figures.put("epochs", epochs);
		if (selected instanceof EnsembleModel ensemble) {
			return new EnsembleModel(refitted, ensemble.card().members(), ensemble.card());
		}
		return refitted.values().iterator().next();
	}

	private EmotionModel choose(Map<String, NetworkModel> networks, List<LabeledText> stop,
			Map<String, Object> selection) {
		if (networks.size() == 1 || stop.isEmpty()) {
			NetworkModel first = networks.values().iterator().next();
			networks.values().stream().skip(1).forEach(NetworkModel::close);
			return first;
		}
		List<String> texts = stop.stream().map(LabeledText::text).toList();
		int[] truth = stop.stream().mapToInt(text -> text.label().ordinal()).toArray();
		Map<String, float[][]> scores = new LinkedHashMap<>();
		networks.forEach((kind, network) -> scores.put(kind, network.predict(texts)));
		Map<String, Double> best = null;
		double bestF1 = -1;
		Map<String, Object> candidates = new LinkedHashMap<>();
		// one network alone first: an ensemble must do strictly better to be chosen
		for (Map<String, Double> weights : candidateWeights(List.copyOf(networks.keySet()))) {
			double f1 = Evaluation.of(truth, mix(scores, weights)).macroF1();
			candidates.put(describe(weights), NetworkTrainer.round(f1));
			if (f1 > bestF1) {
				bestF1 = f1;
				best = weights;
			}
		}
		selection.put("macro_f1_on_early_stopping_split", candidates);
		selection.put("chosen", describe(best));
		Map<String, Double> chosenWeights = best;
		networks.entrySet().removeIf(entry -> {
			if (!chosenWeights.containsKey(entry.getKey())) {
				entry.getValue().close();
				return true;
			}
			return false;
		});
		if (chosenWeights.size() == 1) {
			return networks.values().iterator().next();
		}
		ModelCard card = new ModelCard(1, "ensemble", "ensemble", "auto", Instant.now(), null, null, null, null,
				this.hp, null, null, chosenWeights, List.of());
		return new EnsembleModel(new LinkedHashMap<>(networks), chosenWeights, card);
	}

	/** Each network alone, each pair at 0.3/0.5/0.7, and all three evenly or leaning on one. */
	static List<Map<String, Double>> candidateWeights(List<String> kinds) {
		List<Map<String, Double>> candidates = new java.util.ArrayList<>();
		kinds.forEach(kind -> candidates.add(Map.of(kind, 1.0)));
		for (int a = 0; a < kinds.size(); a++) {
			for (int b = a + 1; b < kinds.size(); b++) {
				for (double weight : new double[] { 0.3, 0.5, 0.7 }) {
					Map<String, Double> pair = new LinkedHashMap<>();
					pair.put(kinds.get(a), weight);
					pair.put(kinds.get(b), NetworkTrainer.round(1 - weight));
					candidates.add(pair);
				}
			}
		}
		if (kinds.size() == 3) {
			double[][] triples = { { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, { 0.5, 0.25, 0.25 }, { 0.25, 0.5, 0.25 },
					{ 0.25, 0.25, 0.5 } };
			for (double[] triple : triples) {
				Map<String, Double> all = new LinkedHashMap<>();
				for (int k = 0; k < 3; k++) {
					all.put(kinds.get(k), NetworkTrainer.round(triple[k]));
				}
				candidates.add(all);
			}
		}
		return candidates;
	}

	private static String describe(Map<String, Double> weights) {
		if (weights.size() == 1) {
			return weights.keySet().iterator().next();
		}
		return String.join("+", weights.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
	}

	private static float[][] mix(Map<String, float[][]> scores, Map<String, Double> weights) {
		float[][] mixed = null;
		for (Map.Entry<String, Double> weight : weights.entrySet()) {
			float[][] member = scores.get(weight.getKey());
			if (mixed == null) {
				mixed = new float[member.length][Emotion.COUNT];
			}
			for (int i = 0; i < member.length; i++) {
				for (int c = 0; c < Emotion.COUNT; c++) {
					mixed[i][c] += (float) (weight.getValue() * member[i][c]);
				}
			}
		}
		return mixed;
	}

	private static void setCard(EmotionModel model, ModelCard card) {
		if (model instanceof NetworkModel network) {
			network.setCard(card);
		}
		else if (model instanceof EnsembleModel ensemble) {
			ensemble.setCard(card);
		}
	}

	private static ModelCard memberCard(NetworkModel member, ModelCard ensemble) {
		return new ModelCard(1, ensemble.version() + "/" + member.card().kind(), member.card().kind(),
				member.card().kind(), ensemble.created(), ensemble.corpus(), ensemble.fields(), ensemble.labels(),
				ensemble.labelsKo(), ensemble.hyperParameters(), null, member.card().training(), null, List.of());
	}
}
