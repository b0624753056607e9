package dev.emotionmonitor.gateway.member;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An issued key: only its SHA-256 hash is stored (the key itself is 256 random bits, shown once), with a short prefix
 * so people can tell their keys apart.
 *
 * @param kind {@code api} (full access of the member's role) or {@code export} (read-only, exports only, allowed in
 *             the query string)
 */
@Document("api_keys")
record ApiKey(@Id String id, String memberId, String kind, String name, String hash, String prefix,
		Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

	static final String API = "api";

	static final String EXPORT = "export";

	boolean revoked() {
		return revokedAt != null;
	}
}
