package dev.emotionmonitor.gateway.apilog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Writes the API log off the request path: requests only append to a bounded buffer; one thread writes it in batches
 * every flush interval. When the store is unreachable the entries wait in the buffer; when the buffer is full, new
 * entries are counted and dropped, and once the store is back a gap record says when and how many.
 */
@Component
class ApiLogWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ApiLogWriter.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

	private final ReactiveMongoTemplate mongo;

	private final EmotionGatewayProperties.ApiLog settings;

	private final Deque<ApiLogEntry> buffer = new ArrayDeque<>();

	private static final Duration PURGE_EVERY = Duration.ofHours(1);

	private final ThreadPoolTaskScheduler thread;

	private final ScheduledFuture<?> flushing;

	private long dropped;

	private Instant outageSince;

	private String outageReason;

	private boolean indexed;

	private long lastPurgeNanos = System.nanoTime();

	ApiLogWriter(ReactiveMongoTemplate mongo, EmotionGatewayProperties properties,
			ThreadPoolTaskScheduler apiLogWriterThread) {
		this.mongo = mongo;
		this.settings = properties.apiLog();
		this.thread = apiLogWriterThread;
		Duration interval = settings.flushInterval();
		this.flushing = thread.scheduleWithFixedDelay(this::flush, Instant.now().plus(interval), interval);
	}

	void add(ApiLogEntry entry) {
		if (!settings.enabled()) {
			return;
		}
		synchronized (buffer) {
			if (buffer.size() >= settings.bufferCapacity()) {
				dropped++;
				return;
			}
			buffer.addLast(entry);
		}
	}

	/** Entries waiting to be written (for tests and health). */
	int pending() {
		synchronized (buffer) {
			return buffer.size();
		}
	}

	/** Writes everything buffered now; on this writer's thread, never on a request's. */
	void flush() {
		try {
			ensureIndexes();
			while (true) {
				List<ApiLogEntry> batch = peek();
				if (batch.isEmpty()) {
					break;
				}
				mongo.insertAll(batch).then().block(WRITE_TIMEOUT);
				remove(batch.size());
			}
			recoverFromOutage();
			purgeExpired();
		}
		catch (RuntimeException ex) {
			synchronized (buffer) {
				if (outageSince == null) {
					outageSince = Instant.now();
					outageReason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
					log.warn("API log store unreachable ({}); keeping up to {} entries in memory",
							outageReason, settings.bufferCapacity());
				}
			}
		}
	}

	private void recoverFromOutage() {
		Instant since;
		long lost;
		String reason;
		synchronized (buffer) {
			if (outageSince == null && dropped == 0) {
				return;
			}
			since = outageSince == null ? Instant.now() : outageSince;
			lost = dropped;
			reason = outageReason == null ? "buffer full" : outageReason;
		}
		ApiLogGap gap = new ApiLogGap(null, since, Instant.now(), lost, reason);
		mongo.insert(gap).block(WRITE_TIMEOUT);
		synchronized (buffer) {
			dropped -= lost;
			outageSince = null;
			outageReason = null;
		}
		log.warn("API log store is back; gap from {} to {} recorded, {} requests not logged", gap.from(), gap.to(),
				lost);
	}

	/**
	 * The TTL index removes old entries on MongoDB; the embedded store has no TTL indexes, so old entries are also
	 * deleted here once an hour (harmless where the index already did it).
	 */
	private void purgeExpired() {
		if (System.nanoTime() - lastPurgeNanos < PURGE_EVERY.toNanos()) {
			return;
		}
		lastPurgeNanos = System.nanoTime();
		Instant cutoff = Instant.now().minus(settings.ttl());
		mongo.remove(Query.query(Criteria.where("at").lt(cutoff)), ApiLogEntry.class)
			.then(mongo.remove(Query.query(Criteria.where("to").lt(cutoff)), ApiLogGap.class))
			.block(WRITE_TIMEOUT);
	}

	private void ensureIndexes() {
		if (indexed) {
			return;
		}
		long ttlSeconds = settings.ttl().toSeconds();
		var indexes = mongo.indexOps(ApiLogEntry.class);
		indexes.getIndexInfo()
			.filter(info -> "at_ttl".equals(info.getName())
					&& info.getExpireAfter().map(Duration::toSeconds).orElse(-1L) != ttlSeconds)
			.concatMap(changedTtl -> indexes.dropIndex("at_ttl"))
			.then(indexes.createIndex(new Index().on("at", Sort.Direction.ASC).named("at_ttl").expire(settings.ttl())))
			// the listing's order, newest first with _id breaking ties
			.then(indexes.createIndex(
					new Index().on("at", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("at_id")))
			.then(indexes.createIndex(new Index().on("memberId", Sort.Direction.ASC).on("at", Sort.Direction.DESC)))
			.then(indexes.createIndex(new Index().on("route", Sort.Direction.ASC).on("at", Sort.Direction.DESC)))
			.block(WRITE_TIMEOUT);
		indexed = true;
	}

	private List<ApiLogEntry> peek() {
		synchronized (buffer) {
			List<ApiLogEntry> batch = new ArrayList<>(Math.min(buffer.size(), settings.batchSize()));
			for (ApiLogEntry entry : buffer) {
				if (batch.size() == settings.batchSize()) {
					break;
				}
				batch.add(entry);
			}
			return batch;
		}
	}

	private void remove(int count) {
		synchronized (buffer) {
			for (int i = 0; i < count; i++) {
				buffer.pollFirst();
			}
		}
	}

	@Override
	public void destroy() {
		flushing.cancel(false);
		try {
			thread.submit(this::flush).get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// reported below: the entries still waiting
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (pending() > 0) {
			log.warn("API log: {} entries not written at shutdown", pending());
		}
	}
}
