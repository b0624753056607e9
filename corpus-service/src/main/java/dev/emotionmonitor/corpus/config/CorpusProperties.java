package dev.emotionmonitor.corpus.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the corpus-service; each default works on localhost and each can be overridden from the environment.
 *
 * @param gatewayUrl base URL of the gateway, through which this service calls the others ({@code GATEWAY_URL})
 * @param imports    how corpus files are imported
 */
@ConfigurationProperties("emotion.corpus")
public record CorpusProperties(@DefaultValue("http://localhost:8080") URI gatewayUrl, @DefaultValue Imports imports) {

	/**
	 * @param maxRejections    rejected records an import tolerates; one more and the whole file is refused
	 *                         ({@code CORPUS_IMPORT_MAX_REJECTIONS})
	 * @param batchSize        dialogues written per bulk insert ({@code CORPUS_IMPORT_BATCH_SIZE})
	 * @param workers          imports that run at the same time (each into its own dataset) ({@code CORPUS_IMPORT_WORKERS})
	 * @param queueCapacity    imports waiting for a worker before new ones get 503 ({@code CORPUS_IMPORT_QUEUE})
	 * @param uploadDir        where uploads are spooled and wait for their import, owner-only, emptied at start
	 *                         ({@code CORPUS_UPLOAD_DIR}; default {@code <emotion.store.embedded.path>/uploads})
	 * @param corpusDir        the only directory imports by server path may read ({@code CORPUS_DIR})
	 * @param progressInterval how often the event stream sends progress ({@code CORPUS_IMPORT_PROGRESS_INTERVAL})
	 */
	public record Imports(@DefaultValue("100") int maxRejections, @DefaultValue("1000") int batchSize,
			@DefaultValue("2") int workers, @DefaultValue("8") int queueCapacity,
			@DefaultValue("data/corpus/uploads") Path uploadDir, @DefaultValue("corpus") Path corpusDir,
			@DefaultValue("500ms") Duration progressInterval) {
	}
}
