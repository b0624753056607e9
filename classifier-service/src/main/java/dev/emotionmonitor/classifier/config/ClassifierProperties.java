package dev.emotionmonitor.classifier.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.emotionmonitor.common.gateway.GatewaySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the classifier-service; each default works on localhost and each can be overridden from the environment.
 *
 * @param gatewayUrl base URL of the gateway, through which this service calls the others ({@code GATEWAY_URL})
 * @param serviceKey bearer key sent on service-to-service calls; empty sends none ({@code EMOTION_SERVICE_KEY})
 * @param maxTextLength longest accepted text in characters ({@code CLASSIFIER_MAX_TEXT_LENGTH})
 * @param maxBatchTexts most texts in one batch request ({@code CLASSIFIER_MAX_BATCH_TEXTS})
 * @param workers worker threads, each with its own predictor ({@code CLASSIFIER_WORKERS})
 * @param maxForwardBatch most texts gathered into one forward pass ({@code CLASSIFIER_MAX_FORWARD_BATCH})
 * @param batchWait how long a worker waits for more requests to fill a forward pass ({@code CLASSIFIER_BATCH_WAIT})
 * @param queueCapacity texts that may wait for a worker before requests get 503 ({@code CLASSIFIER_QUEUE_CAPACITY})
 * @param retryAfter the Retry-After of a 503 ({@code CLASSIFIER_RETRY_AFTER})
 * @param pollInterval how often a replica checks the registry's active version ({@code CLASSIFIER_POLL_INTERVAL})
 * @param modelCache where registry models are unpacked for loading ({@code CLASSIFIER_MODEL_CACHE})
 * @param corpusDirectory the only directory training runs may read corpus files from ({@code CLASSIFIER_CORPUS_DIR})
 * @param trainingQueue training runs that may wait behind the running one ({@code CLASSIFIER_TRAINING_QUEUE})
 * @param starterModel classpath directory of the model activated when the registry is empty
 * @param maxImportSize largest zip accepted by {@code POST /models/imports} ({@code CLASSIFIER_MAX_IMPORT_SIZE})
 * @param uploadDir where model imports are received and unpacked, owner-only, emptied at start
 *                  ({@code CLASSIFIER_UPLOAD_DIR}; application.yml: {@code uploads} in the store's data directory)
 */
@ConfigurationProperties("emotion.classifier")
public record ClassifierProperties(@DefaultValue("http://localhost:8080") URI gatewayUrl,
		@DefaultValue("") String serviceKey, @DefaultValue("5000") int maxTextLength,
		@DefaultValue("256") int maxBatchTexts, @DefaultValue("2") int workers,
		@DefaultValue("256") int maxForwardBatch, @DefaultValue("2ms") Duration batchWait,
		@DefaultValue("4096") int queueCapacity, @DefaultValue("1s") Duration retryAfter,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("data/classifier/models") Path modelCache,
		@DefaultValue("data/classifier/corpora") Path corpusDirectory, @DefaultValue("4") int trainingQueue,
		@DefaultValue("starter-model") String starterModel, @DefaultValue("2GB") DataSize maxImportSize,
		@DefaultValue("data/classifier/uploads") Path uploadDir)
		implements GatewaySettings {
}
