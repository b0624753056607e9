package dev.emotionmonitor.classifier.registry;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A registered model: summary fields for listing, the whole model.json as text, and its GridFS archive. */
@Document("models")
record ModelRecord(@Id String version, String kind, String requestedKind, Instant created, String corpus,
		List<String> fields, Double accuracy, Double macroF1, Integer n, String source, ObjectId fileId,
		long sizeBytes, Instant registeredAt, String card) {
}
