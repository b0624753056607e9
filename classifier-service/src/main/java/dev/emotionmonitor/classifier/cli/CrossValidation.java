package dev.emotionmonitor.classifier.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.emotionmonitor.aihub.GroupedSplit;
import dev.emotionmonitor.classifier.baseline.TfidfLogisticRegression;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.Evaluation;
import dev.emotionmonitor.classifier.model.HyperParameters;
import dev.emotionmonitor.classifier.model.ModelTrainer;
import dev.emotionmonitor.classifier.model.TrainingListener;

/**
 * Grouped k-fold cross-validation of a model kind against the TF-IDF + logistic-regression baseline: the same folds
 * (persona groups), the same training side, the same test side for both.
 */
final class CrossValidation {

	private CrossValidation() {
	}

	record FoldResult(int fold, int trainSize, int testSize, Evaluation model, Evaluation baseline, String modelKind) {
	}

	static Map<String, Object> run(List<LabeledText> corpus, int folds, HyperParameters hp, String corpusName,
			List<String> fields, TrainingListener listener, Consumer<FoldResult> onFold) {
		int[] foldOf = GroupedSplit.folds(corpus, LabeledText::group, folds, hp.seed());
		List<FoldResult> results = new ArrayList<>();
		for (int fold = 0; fold < folds; fold++) {
			GroupedSplit.Split<LabeledText> split = GroupedSplit.fold(corpus, foldOf, fold);
			if (split.test().isEmpty() || split.train().isEmpty()) {
				continue;
			}
			Evaluation modelFigures;
			String kind;
			try (EmotionModel model = new ModelTrainer(hp, listener).trainAndEvaluate(split, corpusName, fields,
					ModelTrainer.Refit.TRAINING_SIDE_BEFORE_EVALUATION)) {
				modelFigures = model.card().metrics();
				kind = model.card().kind();
			}
			List<String> trainTexts = split.train().stream().map(LabeledText::text).toList();
			int[] trainLabels = split.train().stream().mapToInt(text -> text.label().ordinal()).toArray();
			TfidfLogisticRegression baseline = TfidfLogisticRegression.fit(trainTexts, trainLabels, hp.seed());
			int[] testLabels = split.test().stream().mapToInt(text -> text.label().ordinal()).toArray();
			Evaluation baselineFigures = Evaluation.of(testLabels,
					baseline.predict(split.test().stream().map(LabeledText::text).toList()));
			FoldResult result = new FoldResult(fold + 1, split.train().size(), split.test().size(), modelFigures,
					baselineFigures, kind);
			results.add(result);
			onFold.accept(result);
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("folds", results.size());
		summary.put("kind", hp.kind());
		summary.put("chosen_kinds", results.stream().map(FoldResult::modelKind).toList());
		summary.put("accuracy", mean(results, true, true));
		summary.put("macro_f1", mean(results, true, false));
		summary.put("baseline_accuracy", mean(results, false, true));
		summary.put("baseline_macro_f1", mean(results, false, false));
		summary.put("n", corpus.size());
		summary.put("baseline", "char 1-3-gram TF-IDF + logistic regression (balanced class weights)");
		summary.put("per_fold", results.stream().map(result -> Map.of("fold", result.fold(), "test", result.testSize(),
				"macro_f1", result.model().macroF1(), "baseline_macro_f1", result.baseline().macroF1())).toList());
		return summary;
	}

	private static double mean(List<FoldResult> results, boolean model, boolean accuracy) {
		return Math.round(results.stream()
			.map(result -> model ? result.model() : result.baseline())
			.mapToDouble(figures -> accuracy ? figures.accuracy() : figures.macroF1())
			.average()
			.orElse(0) * 10000) / 10000.0;
	}
}
