package dev.emotionmonitor.classifier.model;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCardTest {

	/** Models already in a registry were saved before the linear kind existed; their cards must still load. */
	@Test
	void aCardWrittenBeforeTheLinearHyperParametersStillLoads(@TempDir Path directory) throws Exception {
		String json = """
				{"format": 1, "version": "starter-1", "kind": "ngram", "requested_kind": "auto",
				 "corpus": "starter-corpus.json", "fields": ["HS01", "HS02", "HS03"],
				 "hyper_parameters": {"kind": "auto", "seed": 42, "batch_size": 32, "ngram_epochs": 25,
				   "ngram_dimension": 32, "max_features": 1024, "transformer_epochs": 30},
				 "files": ["ngram-0000.params", "ngram-buckets.bin"]}
				""";
		Files.writeString(directory.resolve(ModelCard.FILE), json);

		ModelCard card = ModelCard.read(directory);

		assertThat(card.version()).isEqualTo("starter-1");
		assertThat(card.hyperParameters().ngramDimension()).isEqualTo(32);
		assertThat(card.hyperParameters().linearEpochs()).isZero();
	}
}
