package dev.emotionmonitor.gateway.access;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A web session: the cookie holds a random token, the store only its hash and the key it was made from, so revoking
 * that key (or disabling its member) ends the session too. A TTL index removes it after {@code expiresAt}.
 */
@Document("sessions")
record WebSignIn(@Id String tokenHash, String keyId, String memberId, Instant createdAt, Instant expiresAt) {
}
