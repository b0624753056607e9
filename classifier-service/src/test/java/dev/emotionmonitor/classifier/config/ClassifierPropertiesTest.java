package dev.emotionmonitor.classifier.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code emotion.classifier.upload-dir} (application.yml, {@code CLASSIFIER_UPLOAD_DIR}) binds to the properties record. */
class ClassifierPropertiesTest {

	@Test
	void uploadDirBindsAndDefaultsUnderTheClassifiersDataDirectory() {
		assertThat(bind(Map.of("emotion.classifier.upload-dir", "/srv/emotion/uploads")).uploadDir())
			.isEqualTo(Path.of("/srv/emotion/uploads"));
		assertThat(bind(Map.of()).uploadDir()).isEqualTo(Path.of("data/classifier/uploads"));
	}

	private static ClassifierProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("emotion.classifier",
				ClassifierProperties.class);
	}
}
