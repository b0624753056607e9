package dev.emotionmonitor.classifier.registry;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The one document {@code _id: "active"}: the active version and the activation history (last is active). */
@Document("registry")
record RegistryState(@Id String id, String active, List<String> history, Instant changedAt) {

	static final String ID = "active";
}
