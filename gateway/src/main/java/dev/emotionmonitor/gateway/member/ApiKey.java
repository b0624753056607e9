package dev.emotionmonitor.gateway.member;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An issued key: only its SHA-256 hash is stored (the key itself is 256 random bits, shown once), with a short prefix
 * so people can tell their keys apart.
 *
 * @param kind  {@code api} (full access of the member's role) or {@code export} (read-only, exports only, allowed in
 *              the query string)
 * @param scope for export tokens: {@code own} (default: what the member may see) or {@code team} (every member's
 *              rows, for a team's Grafana or Sheets; only admins issue keys)
 */
@Document("api_keys")
record ApiKey(@Id String id, String memberId, String kind, String name, String hash, String prefix,
		Instant createdAt, Instant lastUsedAt, Instant revokedAt, String scope) {

	static final String API = "api";

	static final String EXPORT = "export";

	static final String OWN = "own";

	static final String TEAM = "team";

	/** Keys stored before scopes existed read as {@code own}. */
	ApiKey {
		scope = scope == null ? OWN : scope;
	}

	boolean teamWide() {
		return EXPORT.equals(kind) && TEAM.equals(scope);
	}

	boolean revoked() {
		return revokedAt != null;
	}
}
