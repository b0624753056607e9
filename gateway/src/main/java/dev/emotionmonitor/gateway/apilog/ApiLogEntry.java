package dev.emotionmonitor.gateway.apilog;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One request through the gateway. {@code path} never carries the query (export tokens travel there).
 *
 * @param memberId   caller's member id; null for anonymous requests
 * @param credential the key the call was made with (a session counts as its key)
 * @param route      route id from the gateway's rule table ({@code classifier}, {@code admin}, {@code pages}, ...)
 * @param latencyMs  from the first byte in to the last byte out
 */
@Document("api_log")
record ApiLogEntry(@Id String id, Instant at, String memberId, String memberName, String role, String credential,
		String method, String route, String path, int status, double latencyMs, long bytesIn, long bytesOut,
		String client) {
}
