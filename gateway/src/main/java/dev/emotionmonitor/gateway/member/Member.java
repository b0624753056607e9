package dev.emotionmonitor.gateway.member;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person (or a bot account) who may use the system; never returned from a controller as is. */
@Document("members")
record Member(@Id String id, String displayName, List<String> identities, String role, boolean active,
		Instant createdAt, Instant updatedAt) {
}
