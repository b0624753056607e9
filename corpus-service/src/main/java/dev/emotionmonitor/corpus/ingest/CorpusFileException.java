package dev.emotionmonitor.corpus.ingest;

import java.util.Map;

/** The file as a whole cannot be imported (not JSON, not xlsx, wrong structure, wrong encoding, too many bad records). */
class CorpusFileException extends RuntimeException {

	private final Map<String, Object> properties;

	CorpusFileException(String detail) {
		this(detail, Map.of());
	}

	CorpusFileException(String detail, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.properties = properties;
	}

	Map<String, Object> properties() {
		return this.properties;
	}
}
