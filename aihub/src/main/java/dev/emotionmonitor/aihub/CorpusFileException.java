package dev.emotionmonitor.aihub;

import java.util.Map;

/** The file as a whole cannot be imported (not JSON, not xlsx, wrong structure, wrong encoding, too many bad records). */
public class CorpusFileException extends RuntimeException {

	private final Map<String, Object> properties;

	public CorpusFileException(String detail) {
		this(detail, Map.of());
	}

	public CorpusFileException(String detail, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.properties = properties;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}
}
