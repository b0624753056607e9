package dev.emotionmonitor.common.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process MongoDB-wire store a service starts when no {@code spring.mongodb.uri} (env {@code MONGODB_URI})
 * is configured.
 *
 * @param path     directory of the H2 file ({@code EMOTION_STORE_EMBEDDED_PATH}); defaults to {@code data/<service>}
 * @param inMemory keep nothing on disk (tests)
 * @param port     port the wire server binds on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("emotion.store.embedded")
public record EmbeddedStoreProperties(Path path, @DefaultValue("false") boolean inMemory, @DefaultValue("0") int port) {
}
