package dev.emotionmonitor.common.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.emotionmonitor.common.problem.Problems;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The job kernel for one kind of job: runs bodies on a bounded executor and keeps everything about a job in the
 * store, so any replica can show, stream and cancel any job.
 * <ul>
 * <li>{@link #submit} records the job queued, owned by this replica, and hands its body to the executor (503 when the
 * queue is full).</li>
 * <li>A worker moves it to running, the body saves progress at a fixed cadence ({@link JobContext#progress}), and
 * the kernel writes the final status with the body's fields, then runs {@link JobDefinition#afterFinish}.</li>
 * <li>{@link #cancel}: a queued job is cancelled at once; a running one gets a flag its worker reads at its next
 * progress save or heartbeat.</li>
 * <li>{@link #follow}: the job's states from the store (polled, plus this replica's own writes at once), each
 * change once, until a final state.</li>
 * <li>Every {@code heartbeat-every} the replica beats for the jobs it holds; at start and every
 * {@code recovery-every} it marks interrupted the jobs not final whose owner has not beaten for
 * {@code stale-after}. A stopping replica writes nothing more: its jobs are recovered like those of a crashed one,
 * so that path runs at every restart, not only after crashes.</li>
 * </ul>
 */
public final class JobRunner implements SmartLifecycle {

	/** The replica that holds the job ({@link JobOwner#id()}). */
	public static final String OWNER = "owner";

	/** When its owner last beat for the job. */
	public static final String HEARTBEAT_AT = "heartbeatAt";

	/** Someone asked to cancel the running job. */
	public static final String CANCEL_REQUESTED = "cancelRequested";

	/** Incremented by every write that changes what the job shows, so streams emit each change once. */
	public static final String REVISION = "revision";

	static final String STATUS = "status";

	private static final String ID = "_id";

	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

	private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobDefinition definition;

	private final ReactiveMongoTemplate mongo;

	private final TaskExecutor executor;

	private final JobOwner owner;

	private final JobProperties properties;

	private final List<String> active;

	/** The jobs this replica holds: queued in its executor or running on it. */
	private final Map<String, Held> held = new ConcurrentHashMap<>();

	/** This replica's own writes, for its streams to show at once. */
	private final Sinks.Many<Document> changes = Sinks.many().multicast().directBestEffort();

	private final ReentrantLock recovering = new ReentrantLock();

	private volatile boolean running;

	private volatile boolean stopping;

	private Disposable timers = Disposables.disposed();

	public JobRunner(JobDefinition definition, ReactiveMongoTemplate mongo, TaskExecutor executor, JobOwner owner,
			JobProperties properties) {
		this.definition = definition;
		this.mongo = mongo;
		this.executor = executor;
		this.owner = owner;
		this.properties = properties;
		this.active = List.copyOf(new LinkedHashSet<>(
				List.of(definition.statusName(JobStatus.QUEUED), definition.statusName(JobStatus.RUNNING))));
		for (JobStatus status : JobStatus.values()) {
			if (status.isFinal() && this.active.contains(definition.statusName(status))) {
				throw new IllegalArgumentException(definition.name() + ": the final status " + status
						+ " must not be stored as " + definition.statusName(status));
			}
		}
	}

	/**
	 * A bounded executor for one job kind, to declare as a bean (Spring starts and stops it): {@code workers}
	 * threads, {@code queueCapacity} jobs waiting, then {@link #submit} answers 503. Its workers are interrupted when
	 * the context closes, after the runners have stopped.
	 */
	public static ThreadPoolTaskExecutor executor(String threadNamePrefix, int workers, int queueCapacity) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(threadNamePrefix);
		executor.setCorePoolSize(workers);
		executor.setMaxPoolSize(workers);
		executor.setQueueCapacity(queueCapacity);
		executor.setDaemon(true);
		// shut down when its bean is destroyed, after the runners' lifecycle stop, not on the context-closed event
		executor.setAcceptTasksAfterContextClose(true);
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.setAwaitTerminationSeconds(5);
		// stopped after the runners (higher phases stop first): a runner's stop ends the bodies the executor waits for
		executor.setPhase(PHASE - 1024);
		return executor;
	}

	public JobDefinition definition() {
		return this.definition;
	}

	/** The kernel's status of a stored status word; unknown words count as failed (final). */
	public JobStatus statusOf(String stored) {
		for (JobStatus status : JobStatus.values()) {
			if (this.definition.statusName(status).equals(stored)) {
				return status;
			}
		}
		return JobStatus.FAILED;
	}

	/** How many jobs this replica holds in the given state (for gauges). */
	public long held(JobStatus status) {
		return this.held.values().stream().filter(job -> job.status == status).count();
	}

	/**
	 * Records {@code document} (the service's own record, its id a string) as a queued job owned by this replica and
	 * hands {@code body} to the executor; answers the document as recorded. A full queue answers 503 and leaves no
	 * job behind.
	 */
	public <T> Mono<T> submit(T document, JobBody body) {
		Document stored = new Document();
		this.mongo.getConverter().write(document, stored);
		String id = String.valueOf(stored.get(ID));
		stored.put(STATUS, this.definition.statusName(JobStatus.QUEUED));
		stored.put(OWNER, this.owner.id());
		stored.put(HEARTBEAT_AT, new Date());
		stored.put(CANCEL_REQUESTED, false);
		stored.put(REVISION, 0L);
		return this.mongo.insert(stored, this.definition.collection()).flatMap(saved -> {
			Held job = new Held(id);
			this.held.put(id, job);
			try {
				this.executor.execute(() -> work(job, body));
				return Mono.just(document);
			}
			catch (RejectedExecutionException ex) {
				this.held.remove(id);
				return this.mongo.remove(Query.query(where(ID).is(id)), this.definition.collection())
					.then(this.definition.afterFinish(id, JobStatus.FAILED))
					.then(Mono.error(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, this.definition.queueFull())));
			}
		});
	}

	/**
	 * Cancels a job from any replica: a queued one at once, a running one by a flag its owner's worker reads at its
	 * next progress save. Answers true when cancelled or flagged, false when the job is already final, nothing when
	 * there is no such job.
	 */
	public Mono<Boolean> cancel(String id) {
		Held mine = this.held.get(id);
		if (mine != null) {
			mine.cancel = true;
		}
		String queued = this.definition.statusName(JobStatus.QUEUED);
		Mono<Boolean> fromQueue = queued.equals(this.definition.statusName(JobStatus.RUNNING)) ? Mono.just(false)
				: this.mongo
					.findAndModify(Query.query(where(ID).is(id).and(STATUS).is(queued)),
							finalUpdate(JobStatus.CANCELLED, new Update()), RETURN_NEW, Document.class,
							this.definition.collection())
					.doOnNext(this::publish)
					.flatMap(done -> this.definition.afterFinish(id, JobStatus.CANCELLED).thenReturn(true))
					.defaultIfEmpty(false);
		return fromQueue.flatMap(cancelled -> cancelled ? Mono.just(true)
				: this.mongo
					.updateFirst(Query.query(where(ID).is(id).and(STATUS).in(this.active)),
							Update.update(CANCEL_REQUESTED, true), this.definition.collection())
					.flatMap(result -> result.getMatchedCount() > 0 ? Mono.just(true)
							: this.mongo.findById(id, Document.class, this.definition.collection())
								// a job this replica ran may have stopped on the flag before the store was asked
								.map(job -> mine != null && this.definition.statusName(JobStatus.CANCELLED)
									.equals(job.getString(STATUS)))));
	}

	/** {@link #follow(String, Class, Duration)} at {@code emotion.jobs.poll-every}. */
	public <T> Flux<T> follow(String id, Class<T> type) {
		return follow(id, type, this.properties.pollEvery());
	}

	/**
	 * The job's states from the store, the current one first, then each change once (read every {@code every}, and
	 * at once for writes of this replica), ending with the first final state; empty when there is no such job.
	 */
	public <T> Flux<T> follow(String id, Class<T> type, Duration every) {
		return Flux.defer(() -> {
			AtomicLong shown = new AtomicLong(-1);
			Flux<Document> local = this.changes.asFlux().filter(doc -> id.equals(doc.get(ID)));
			Flux<Document> polled = Flux.interval(Duration.ZERO, every)
				.onBackpressureDrop()
				.concatMap(tick -> this.mongo.findById(id, Document.class, this.definition.collection())
					.defaultIfEmpty(GONE), 1)
				.takeWhile(doc -> doc != GONE);
			return Flux.merge(local, polled)
				.filter(doc -> {
					long revision = revision(doc);
					if (revision <= shown.get()) {
						return false;
					}
					shown.set(revision);
					return true;
				})
				.takeUntil(doc -> statusOf(doc.getString(STATUS)).isFinal())
				.map(doc -> this.mongo.getConverter().read(type, doc));
		});
	}

	private static final Document GONE = new Document();

	private static long revision(Document doc) {
		Object revision = doc.get(REVISION);
		return revision instanceof Number number ? number.longValue() : 0;
	}

	/**
	 * Marks interrupted every job not final whose owner has not beaten for {@code stale-after} (or that has no owner:
	 * recorded before the kernel), and runs {@link JobDefinition#afterFinish} for each; answers how many. Runs at
	 * start and every {@code recovery-every}; one pass at a time per runner.
	 */
	public Mono<Long> recover() {
		return Mono.fromCallable(this::recoverNow).subscribeOn(Schedulers.boundedElastic());
	}

	private long recoverNow() {
		this.recovering.lock();
		try {
			Date cutoff = Date.from(Instant.now().minus(this.properties.staleAfter()));
			Query orphaned = Query.query(orphaned(cutoff).and(ID).nin(this.held.keySet()));
			orphaned.fields().include(ID);
			List<String> ids = new ArrayList<>();
			this.mongo.find(orphaned, Document.class, this.definition.collection())
				.doOnNext(doc -> ids.add(String.valueOf(doc.get(ID))))
				.then()
				.block(STORE_TIMEOUT);
			long count = 0;
			for (String id : ids) {
				Document done = this.mongo
					.findAndModify(Query.query(where(ID).is(id)).addCriteria(orphaned(cutoff)),
							finalUpdate(JobStatus.INTERRUPTED, this.definition.interrupted(id)), RETURN_NEW,
							Document.class, this.definition.collection())
					.block(STORE_TIMEOUT);
				if (done != null) {
					count++;
					log.warn("{} {} lost its owner ({}, no heartbeat since {}); marked interrupted",
							this.definition.name(), id, done.get(OWNER), done.get(HEARTBEAT_AT));
					publish(done);
					afterFinish(id, JobStatus.INTERRUPTED);
				}
			}
			return count;
		}
		finally {
			this.recovering.unlock();
		}
	}

	private Criteria orphaned(Date cutoff) {
		return where(STATUS).in(this.active)
			.orOperator(where(OWNER).exists(false), where(HEARTBEAT_AT).exists(false), where(HEARTBEAT_AT).lt(cutoff));
	}

	/** Beats for the held jobs and reads their cancel flags; a job no longer this replica's is marked lost. */
	private Mono<Void> beat() {
		if (this.held.isEmpty()) {
			return Mono.empty();
		}
		Set<String> ids = Set.copyOf(this.held.keySet());
		Query mine = Query.query(where(ID).in(ids).and(OWNER).is(this.owner.id()).and(STATUS).in(this.active));
		Query read = Query.query(where(ID).in(ids));
		read.fields().include(ID, OWNER, STATUS, CANCEL_REQUESTED);
		return this.mongo.updateMulti(mine, Update.update(HEARTBEAT_AT, new Date()), this.definition.collection())
			.thenMany(this.mongo.find(read, Document.class, this.definition.collection()))
			.doOnNext(doc -> {
				Held job = this.held.get(String.valueOf(doc.get(ID)));
				if (job == null) {
					return;
				}
				if (!this.owner.id().equals(doc.get(OWNER)) || !this.active.contains(doc.getString(STATUS))) {
					job.lost = true;
				}
				if (job.lost || Boolean.TRUE.equals(doc.get(CANCEL_REQUESTED))) {
					job.cancel = true;
				}
			})
			.then();
	}

	private void work(Held job, JobBody body) {
		try {
			if (this.stopping) {
				return;
			}
			Update start = Update.update(STATUS, this.definition.statusName(JobStatus.RUNNING))
				.set(HEARTBEAT_AT, new Date())
				.inc(REVISION, 1);
			if (this.definition.startedField() != null) {
				start.set(this.definition.startedField(), new Date());
			}
			Document started = this.mongo
				.findAndModify(mine(job.id).addCriteria(where(STATUS).is(this.definition.statusName(JobStatus.QUEUED))),
						start, RETURN_NEW, Document.class, this.definition.collection())
				.block(STORE_TIMEOUT);
			if (started == null) {
				return; // cancelled while queued, or given up by a recovery
			}
			job.status = JobStatus.RUNNING;
			job.cancel |= Boolean.TRUE.equals(started.get(CANCEL_REQUESTED));
			publish(started);
			JobStatus status;
			Update fields;
			try {
				JobOutcome outcome = body.run(new JobContext(this, job));
				status = outcome.status();
				fields = outcome.fields();
			}
			catch (JobCancelledException ex) {
				status = JobStatus.CANCELLED;
				fields = new Update();
			}
			catch (Exception | Error ex) {
				if (this.stopping || job.lost) {
					log.info("{} {} stopped with its replica ({}); left to recovery", this.definition.name(), job.id,
							ex.toString());
					return;
				}
				log.error("{} {} failed", this.definition.name(), job.id, ex);
				status = JobStatus.FAILED;
				fields = this.definition.failed(job.id, ex);
			}
			if (this.stopping || job.lost) {
				log.info("{} {} ended {} while its replica stopped; left to recovery", this.definition.name(), job.id,
						status);
				return;
			}
			finish(job, status, fields);
		}
		catch (RuntimeException ex) {
			// the store failed the start or the final write: the job's heartbeat stops and recovery takes it
			log.error("{} {}: could not record its state; left to recovery", this.definition.name(), job.id, ex);
		}
		finally {
			this.held.remove(job.id);
		}
	}

	private void finish(Held job, JobStatus status, Update fields) {
		Document done = this.mongo
			.findAndModify(mine(job.id).addCriteria(where(STATUS).in(this.active)), finalUpdate(status, fields),
					RETURN_NEW, Document.class, this.definition.collection())
			.block(STORE_TIMEOUT);
		if (done == null) {
			log.warn("{} {} ended {} but was no longer this replica's to finish", this.definition.name(), job.id,
					status);
			return;
		}
		publish(done);
		afterFinish(job.id, status);
	}

	private void afterFinish(String id, JobStatus status) {
		try {
			this.definition.afterFinish(id, status).block(STORE_TIMEOUT);
		}
		catch (RuntimeException ex) {
			log.error("{} {} ended {} but its clean-up failed", this.definition.name(), id, status, ex);
		}
	}

	private Update finalUpdate(JobStatus status, Update fields) {
		return fields.set(STATUS, this.definition.statusName(status))
			.set(this.definition.finishedField(), new Date())
			.inc(REVISION, 1);
	}

	private Query mine(String id) {
		return Query.query(where(ID).is(id).and(OWNER).is(this.owner.id()));
	}

	/** A progress save: also a heartbeat, and the moment the worker learns of a cancel request. */
	void saveProgress(Held job, Update fields) {
		try {
			Document saved = this.mongo
				.findAndModify(
						mine(job.id).addCriteria(where(STATUS).is(this.definition.statusName(JobStatus.RUNNING))),
						fields.set(HEARTBEAT_AT, new Date()).inc(REVISION, 1), RETURN_NEW, Document.class,
						this.definition.collection())
				.block(STORE_TIMEOUT);
			if (saved == null) {
				job.lost = true;
				job.cancel = true;
				return;
			}
			job.cancel |= Boolean.TRUE.equals(saved.get(CANCEL_REQUESTED));
			publish(saved);
		}
		catch (RuntimeException ex) {
			// the next save or heartbeat tries again; a store gone for good ends in recovery
			log.warn("{} {}: could not save its progress: {}", this.definition.name(), job.id, ex.toString());
		}
	}

	long progressEveryNanos() {
		return this.properties.progressEvery().toNanos();
	}

	boolean stopping() {
		return this.stopping;
	}

	private void publish(Document doc) {
		synchronized (this.changes) {
			this.changes.tryEmitNext(doc);
		}
	}

	@Override
	public void start() {
		this.stopping = false;
		this.timers = Disposables.composite(
				Flux.interval(this.properties.heartbeatEvery())
					.onBackpressureDrop()
					.concatMap(tick -> beat().onErrorResume(ex -> {
						log.warn("{} heartbeat failed: {}", this.definition.name(), ex.toString());
						return Mono.empty();
					}), 1)
					.subscribe(),
				Flux.interval(Duration.ZERO, this.properties.recoveryEvery())
					.onBackpressureDrop()
					.concatMap(tick -> recover().onErrorResume(ex -> {
						log.warn("{} recovery failed: {}", this.definition.name(), ex.toString());
						return Mono.empty();
					}), 1)
					.subscribe());
		this.running = true;
	}

	/** Stops beating and asks the held jobs' bodies to stop; what they leave not final, recovery marks interrupted. */
	@Override
	public void stop() {
		this.stopping = true;
		this.timers.dispose();
		this.held.values().forEach(job -> job.cancel = true);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Started before the web server and stopped after it. */
	@Override
	public int getPhase() {
		return PHASE;
	}

	/** A job this replica holds. */
	static final class Held {

		final String id;

		volatile JobStatus status = JobStatus.QUEUED;

		volatile boolean cancel;

		/** No longer this replica's (recovered by another, or gone): its end is not written. */
		volatile boolean lost;

		Held(String id) {
			this.id = id;
		}
	}
}
