package dev.emotionmonitor.gateway.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties.Bucket;

import org.springframework.stereotype.Component;

/**
 * Token buckets in memory, one per key (or client address) and route. A bucket holds up to {@code capacity} tokens
 * and gains {@code refillPerSecond}; a request takes one, and when none is left the answer says how long until one
 * is back. Limits apply per gateway instance.
 */
@Component
class RateLimiter {

	private static final int SWEEP_ABOVE = 20_000;

	private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	/** Takes a token; answers 0 when allowed, otherwise the seconds (at least 1) until a token is back. */
	long tryTake(String key, Bucket limit) {
		if (buckets.size() > SWEEP_ABOVE) {
			long now = System.nanoTime();
			buckets.values().removeIf(bucket -> now - bucket.lastNanos > IDLE_NANOS);
		}
		return buckets.computeIfAbsent(key, k -> new TokenBucket(limit)).take(limit);
	}

	private static final class TokenBucket {

		private double tokens;

		private long lastNanos;

		TokenBucket(Bucket limit) {
			this.tokens = limit.capacity();
			this.lastNanos = System.nanoTime();
		}

		synchronized long take(Bucket limit) {
			long now = System.nanoTime();
			tokens = Math.min(limit.capacity(), tokens + (now - lastNanos) / 1e9 * limit.refillPerSecond());
			lastNanos = now;
			if (tokens >= 1) {
				tokens -= 1;
				return 0;
			}
			if (limit.refillPerSecond() <= 0) {
				return 3600;
			}
			return Math.max(1, (long) Math.ceil((1 - tokens) / limit.refillPerSecond()));
		}
	}
}
