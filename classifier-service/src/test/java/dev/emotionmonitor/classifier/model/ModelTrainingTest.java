package dev.emotionmonitor.classifier.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.emotionmonitor.aihub.GroupedSplit;
import dev.emotionmonitor.classifier.corpus.CorpusReader;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import dev.emotionmonitor.common.emotion.Emotion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real DJL PyTorch training of every kind on a tiny corpus, evaluation on held-out personas, save and reload. */
class ModelTrainingTest {

	static List<LabeledText> corpus;

	@BeforeAll
	static void corpus(@TempDir Path directory) throws Exception {
		DjlSetup.configure(1);
		corpus = CorpusReader.read(TinyCorpus.write(directory.resolve("tiny.json"), 30, 3), CorpusReader.DEFAULT_FIELDS);
	}

	@Test
	void ngramLearnsHeldOutPersonasAndSurvivesSaveAndLoad(@TempDir Path out) throws Exception {
		HyperParameters hp = HyperParameters.defaults().withKind("ngram").with("epochs", "6").with("ngram_dimension", "16");
		List<TrainingProgress> progress = new ArrayList<>();
		try (EmotionModel model = new ModelTrainer(hp, progress::add).train(corpus, "tiny", CorpusReader.DEFAULT_FIELDS)) {
			assertThat(model.card().kind()).isEqualTo("ngram");
			assertThat(model.card().metrics().macroF1()).as("held-out macro-F1").isGreaterThan(0.8);
			assertThat(model.card().metrics().n()).isLessThan(corpus.size());
			assertThat(progress).anyMatch(p -> p.phase().equals("validating") && p.validationLoss() != null);
			assertSavedAndReloadedAlike(model, out);
		}
	}

	@Test
	void transformerTrainsWithEarlyStoppingAndKeepsItsBestEpoch(@TempDir Path out) throws Exception {
		HyperParameters hp = HyperParameters.defaults().withKind("transformer").with("epochs", "12")
			.with("transformer_dimension", "32").with("transformer_feed_forward", "64").with("transformer_layers", "1")
			.with("vocabulary_min_count", "1").with("transformer_learning_rate", "0.003");
		try (EmotionModel model = new ModelTrainer(hp, TrainingListener.NONE).train(corpus, "tiny",
				CorpusReader.DEFAULT_FIELDS)) {
			assertThat(model.card().kind()).isEqualTo("transformer");
			@SuppressWarnings("unchecked")
			var figures = (java.util.Map<String, Object>) model.card().training().get("transformer");
			assertThat((Integer) figures.get("best_epoch")).isBetween(1, (Integer) figures.get("epochs_run"));
			assertThat(model.card().metrics().accuracy()).as("better than chance (1/6)").isGreaterThan(0.4);
			model.save(out);
			try (EmotionModel loaded = ModelFiles.load(out)) {
				float[][] scores = loaded.predict(List.of("😀", "hello", "정말 너무 화가 나서 참을 수가 없어"));
				for (float[] row : scores) {
					double sum = 0;
					for (float p : row) {
						sum += p;
					}
					assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
				}
			}
		}
	}

	@Test
	void linearModelOverTfidfFeaturesLearnsHeldOutPersonasAndSurvivesSaveAndLoad(@TempDir Path out) throws Exception {
		HyperParameters hp = HyperParameters.defaults().withKind("linear").with("epochs", "10");
		try (EmotionModel model = new ModelTrainer(hp, TrainingListener.NONE).train(corpus, "tiny",
				CorpusReader.DEFAULT_FIELDS)) {
			assertThat(model.card().kind()).isEqualTo("linear");
			assertThat(model.card().metrics().macroF1()).as("held-out macro-F1").isGreaterThan(0.8);
			assertSavedAndReloadedAlike(model, out);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void autoWeighsAllThreeKindsAndTheirEnsemblesThenRefitsTheChoiceOnEverything() {
		HyperParameters hp = HyperParameters.defaults().with("epochs", "4").with("ngram_dimension", "16")
			.with("transformer_dimension", "32").with("transformer_feed_forward", "64").with("transformer_layers", "1")
			.with("vocabulary_min_count", "1");
		try (EmotionModel model = new ModelTrainer(hp, TrainingListener.NONE).train(corpus, "tiny",
				CorpusReader.DEFAULT_FIELDS)) {
			var training = model.card().training();
			var selection = (java.util.Map<String, Object>) training.get("selection");
			var candidates = (java.util.Map<String, Object>) selection.get("macro_f1_on_early_stopping_split");
			assertThat(candidates).containsKeys("linear", "ngram", "transformer", "linear:0.5+ngram:0.5",
					"linear:0.3333+ngram:0.3333+transformer:0.3333");
			assertThat(training).containsKeys("linear", "ngram", "transformer");
			var refit = (java.util.Map<String, Object>) training.get("refit");
			assertThat(refit.get("examples")).as("the shipped model is refit on every example").isEqualTo(corpus.size());
			assertThat((String) refit.get("figures_measured_on")).contains("selection model");
			assertThat(model.card().metrics().n()).as("figures from the held-out groups").isLessThan(corpus.size());
		}
	}

	@Test
	void groupedSplitNeverPutsAPersonaOnBothSides() {
		GroupedSplit.Split<LabeledText> split = GroupedSplit.holdOut(corpus, LabeledText::group, 0.2, 42);
		var trainGroups = split.train().stream().map(LabeledText::group).distinct().toList();
		assertThat(split.test()).isNotEmpty().noneMatch(text -> trainGroups.contains(text.group()));
		int[] folds = GroupedSplit.folds(corpus, LabeledText::group, 5, 42);
		for (int i = 0; i < corpus.size(); i++) {
			for (int j = 0; j < corpus.size(); j++) {
				if (corpus.get(i).group().equals(corpus.get(j).group())) {
					assertThat(folds[i]).isEqualTo(folds[j]);
				}
			}
		}
	}

	@Test
	void refusesUnknownKindsAndHyperParameters() {
		assertThatThrownBy(() -> HyperParameters.defaults().withKind("forest")).hasMessageContaining("kind must be");
		assertThatThrownBy(() -> HyperParameters.defaults().with("learning", "1")).hasMessageContaining("unknown");
		assertThatThrownBy(() -> CorpusReader.parseFields("HS01,SS09")).hasMessageContaining("unknown text field");
	}

	/** Saved and loaded again, the model gives the same scores and the obvious labels. */
	private static void assertSavedAndReloadedAlike(EmotionModel model, Path out) throws Exception {
		model.save(out);
		List<String> texts = List.of("발표 때문에 너무 불안해", "합격해서 정말 기뻐");
		float[][] before = model.predict(texts);
		try (EmotionModel loaded = ModelFiles.load(out)) {
			assertThat(loaded.version()).isEqualTo(model.version());
			float[][] after = loaded.predict(texts);
			for (int i = 0; i < texts.size(); i++) {
				assertThat(after[i]).containsExactly(before[i], org.assertj.core.data.Offset.offset(1e-5f));
			}
			assertThat(Emotion.ALL.get(Evaluation.argmax(after[0]))).isEqualTo(Emotion.ANXIETY);
			assertThat(Emotion.ALL.get(Evaluation.argmax(after[1]))).isEqualTo(Emotion.JOY);
		}
	}
}
