package dev.emotionmonitor.classifier.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.emotionmonitor.classifier.corpus.LabeledText;

/**
 * Trains a model of the requested kind on a grouped split and evaluates it on the held-out groups. For {@code auto}
 * both networks are trained; the early-stopping split (groups of the training side) picks the ngram, the transformer
 * or their weighted ensemble by macro-F1 — the held-out groups are never used for any choice. Once kind, epochs and
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
		GroupedSplit.Split split = GroupedSplit.holdOut(corpus, this.hp.holdOutFraction(), this.hp.seed());
		return trainAndEvaluate(split, corpusName, fields, Refit.EVERYTHING_AFTER_EVALUATION);
	}

	/** What the refit trains on, and which model the figures describe. */
	public enum Refit {

		/** evaluate the selection model on the held-out groups, then refit on everything: the model that ships */
		EVERYTHING_AFTER_EVALUATION,
		/** refit on the training side and evaluate that model on the held-out groups: cross-validation */
		TRAINING_SIDE_BEFORE_EVALUATION

	}

	public EmotionModel trainAndEvaluate(GroupedSplit.Split split, String corpusName, List<String> fields,
			Refit refit) {
		long started = System.nanoTime();
		GroupedSplit.Split inner = GroupedSplit.holdOut(split.train(), this.hp.earlyStoppingFraction(),
				this.hp.seed() + 1);
		List<String> kinds = this.hp.kind().equals("auto") ? List.of("ngram", "transformer") : List.of(this.hp.kind());
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
		networks.forEach((kind, network) -> training.put(kind, network.card().training()));
		training.put("selection", selection);
		training.put("refit", refitFigures);

		String version = VERSION_TIME.format(Instant.now()) + "-" + chosen.card().kind() + "-"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		ModelCard card = new ModelCard(1, version, chosen.card().kind(), this.hp.kind(), Instant.now(), corpusName,
				fields, Emotion.ids(), Emotion.all().stream().map(Emotion::korean).toList(), this.hp, metrics,
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
			if (networks.size() > 1) {
				networks.values().stream().skip(1).forEach(NetworkModel::close);
			}
			return first;
		}
		List<String> texts = stop.stream().map(LabeledText::text).toList();
		int[] truth = stop.stream().mapToInt(text -> text.label().ordinal()).toArray();
		NetworkModel ngram = networks.get("ngram");
		NetworkModel transformer = networks.get("transformer");
		float[][] ngramScores = ngram.predict(texts);
		float[][] transformerScores = transformer.predict(texts);
		double ngramF1 = Evaluation.of(truth, ngramScores).macroF1();
		double transformerF1 = Evaluation.of(truth, transformerScores).macroF1();
		selection.put("ngram_macro_f1", ngramF1);
		selection.put("transformer_macro_f1", transformerF1);
		double bestEnsembleF1 = -1;
		double bestWeight = 0.5;
		for (double weight : new double[] { 0.3, 0.5, 0.7 }) {
			double f1 = Evaluation.of(truth, mix(ngramScores, transformerScores, weight)).macroF1();
			if (f1 > bestEnsembleF1) {
				bestEnsembleF1 = f1;
				bestWeight = weight;
			}
		}
		selection.put("ensemble_macro_f1", bestEnsembleF1);
		selection.put("ensemble_ngram_weight", bestWeight);
		if (bestEnsembleF1 > Math.max(ngramF1, transformerF1)) {
			selection.put("chosen", "ensemble");
			Map<String, NetworkModel> members = new LinkedHashMap<>(networks);
			Map<String, Double> weights = new LinkedHashMap<>();
			weights.put("ngram", bestWeight);
			weights.put("transformer", NetworkTrainer.round(1 - bestWeight));
			ModelCard card = new ModelCard(1, "ensemble", "ensemble", "auto", Instant.now(), null, null, null, null,
					this.hp, null, null, weights, List.of());
			return new EnsembleModel(members, weights, card);
		}
		NetworkModel better = transformerF1 > ngramF1 ? transformer : ngram;
		selection.put("chosen", better.card().kind());
		(better == ngram ? transformer : ngram).close();
		networks.values().removeIf(network -> network != better);
		return better;
	}

	private static float[][] mix(float[][] a, float[][] b, double weightOfA) {
		float[][] mixed = new float[a.length][Emotion.COUNT];
		for (int i = 0; i < a.length; i++) {
			for (int c = 0; c < Emotion.COUNT; c++) {
				mixed[i][c] = (float) (weightOfA * a[i][c] + (1 - weightOfA) * b[i][c]);
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
