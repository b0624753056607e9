package dev.emotionmonitor.classifier.training;

import java.util.List;
import java.util.Map;

/**
 * Starts a training run on exactly one corpus source.
 *
 * @param corpusFile a labeling JSON or JSONL file under the service's corpus directory (relative path)
 * @param dataset a corpus-service dataset, fetched from its training export through the gateway
 * @param split the export's split (empty: all)
 * @param fields text fields, default HS01, HS02, HS03
 * @param kind {@code auto} (default), {@code transformer} or {@code ngram}
 * @param hyperParameters overrides by snake_case name, e.g. {@code {"epochs": 5}}
 * @param activate make the model active when the run succeeds
 */
record TrainingRunRequest(String corpusFile, String dataset, String split, List<String> fields, String kind,
		Map<String, Object> hyperParameters, Boolean activate) {
}
