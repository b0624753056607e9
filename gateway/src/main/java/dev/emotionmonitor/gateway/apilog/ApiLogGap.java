package dev.emotionmonitor.gateway.apilog;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stretch of time when the log could not be written: the store was unreachable from {@code from} to {@code to};
 * {@code dropped} requests were not recorded because the in-memory buffer was full (0: everything was written late).
 */
@Document("api_log_gaps")
record ApiLogGap(@Id String id, Instant from, Instant to, long dropped, String reason) {
}
