package dev.emotionmonitor.common.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The job kernel with two replicas: two application contexts on one embedded store, each with its own runner and
 * executor. Jobs run on A; B shows, streams and cancels them, and recovers them when A stops.
 */
class JobRunnerTest {

	static final String COLLECTION = "test_jobs";

	static MongoServer store;

	static String uri;

	/** Two replicas shared by the tests (a context takes about 2 s to close), each test with its own jobs. */
	static ConfigurableApplicationContext a;

	static ConfigurableApplicationContext b;

	@BeforeAll
	static void startStoreAndReplicas() {
		store = new MongoServer(new MemoryBackend());
		var address = store.bind();
		uri = "mongodb://127.0.0.1:" + address.getPort() + "/jobs";
		a = replica();
		b = replica();
	}

	@AfterAll
	static void stopReplicasAndStore() {
		a.close();
		b.close();
		store.shutdownNow();
	}

	static List<String> finished(ConfigurableApplicationContext context, String id) {
		return definition(context).finished.stream().filter(line -> line.startsWith(id)).toList();
	}

	/**
	 * What afterFinish recorded for the job on these replicas, waiting up to 5 s for it: the kernel runs it after the
	 * final status is stored, so another replica's stream may end first.
	 */
	static List<String> awaitFinished(String id, ConfigurableApplicationContext... replicas) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			List<String> finished = new ArrayList<>();
			for (ConfigurableApplicationContext replica : replicas) {
				finished.addAll(finished(replica, id));
			}
			if (!finished.isEmpty() || System.nanoTime() > deadline) {
				return finished;
			}
			Thread.sleep(10);
		}
	}

	static ConfigurableApplicationContext replica() {
		return new SpringApplicationBuilder(Replica.class).web(WebApplicationType.NONE)
			.properties("spring.mongodb.uri=" + uri, "emotion.jobs.progress-every=200ms",
					"emotion.jobs.heartbeat-every=100ms", "emotion.jobs.stale-after=1s",
					"emotion.jobs.recovery-every=200ms", "emotion.jobs.poll-every=50ms",
					"spring.main.banner-mode=off")
			.run();
	}

	static JobRunner runner(ConfigurableApplicationContext context) {
		return context.getBean(JobRunner.class);
	}

	static TestJobs definition(ConfigurableApplicationContext context) {
		return context.getBean(TestJobs.class);
	}

	static Document stored(ConfigurableApplicationContext context, String id) {
		return context.getBean(ReactiveMongoTemplate.class).findById(id, Document.class, COLLECTION).block();
	}

	static TestJob newJob(String name) {
		return new TestJob(UUID.randomUUID().toString(), name, "ignored: the kernel records it queued", 0, null, null);
	}

	/** Submits a job that counts until it is cancelled (checking at each progress save) and waits until it runs. */
	static void startEndless(JobRunner runner, TestJob job) throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		runner.submit(job, context -> {
			running.countDown();
			while (true) {
				Thread.sleep(10);
				context.progress(() -> new Update().inc("done", 1));
				context.throwIfCancelled();
			}
		}).block();
		assertThat(running.await(10, TimeUnit.SECONDS)).as("the job's body runs").isTrue();
	}

	@Test
	void aJobRunsToItsEndAndAnotherReplicaStreamsItsProgressFromTheStore() throws Exception {
		TestJob job = newJob("count");
		runner(a).submit(job, context -> {
			for (int item = 1; item <= 50; item++) {
				Thread.sleep(20);
				int done = item;
				context.progress(() -> Update.update("done", done));
			}
			return JobOutcome.succeeded(Update.update("done", 50).set("result", "fifty"));
		}).block();

		List<TestJob> states = runner(b).follow(job.id(), TestJob.class)
			.collectList()
			.block(Duration.ofSeconds(20));

		assertThat(states).extracting(TestJob::status).first().isIn("waiting", "working");
		assertThat(states).extracting(TestJob::status).contains("working").last().isEqualTo("done");
		assertThat(states.get(states.size() - 1).result()).isEqualTo("fifty");
		assertThat(states).extracting(TestJob::done).as("progress shows while it runs, and only goes up").isSorted();
		assertThat(states).filteredOn(state -> state.status().equals("working"))
			.anySatisfy(state -> assertThat(state.done()).isBetween(1, 49));
		Document done = stored(b, job.id());
		assertThat(done.get("finishedAt")).isNotNull();
		assertThat(done.get("startedAt")).isNotNull();
		// 50 items in about a second, saved every 200 ms: a handful of saves, never one per item
		long saves = ((Number) done.get(JobRunner.REVISION)).longValue() - 2;
		assertThat(saves).isBetween(2L, 10L);
		assertThat(awaitFinished(job.id(), a)).containsExactly(job.id() + " SUCCEEDED");
	}

	@Test
	void aJobThatStopsAtOnceOnTheFlagIsReportedCancelledToTheOneWhoAsked() throws Exception {
		// the worker can end the job before the kernel's store queries run; the cancel succeeded all the same
		for (int attempt = 0; attempt < 20; attempt++) {
			TestJob job = newJob("stops at once " + attempt);
			CountDownLatch running = new CountDownLatch(1);
			runner(a).submit(job, context -> {
				running.countDown();
				while (true) {
					Thread.onSpinWait();
					context.throwIfCancelled();
				}
			}).block();
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

			assertThat(runner(a).cancel(job.id()).block()).as("cancel #%d", attempt).isTrue();
			assertThat(awaitFinished(job.id(), a)).containsExactly(job.id() + " CANCELLED");
			assertThat(runner(a).cancel(job.id()).block()).as("asked again, once it is over").isFalse();
		}
	}

	@Test
	void aRunningJobIsCancelledFromAnotherReplicaAndItsStreamThereFollowsToTheEnd() throws Exception {
		TestJob job = newJob("endless");
		startEndless(runner(a), job);

		var stream = runner(b).follow(job.id(), TestJob.class).collectList().toFuture();
		Thread.sleep(300);
		long asked = System.nanoTime();
		assertThat(runner(b).cancel(job.id()).block()).isTrue();
		List<TestJob> states = stream.get(10, TimeUnit.SECONDS);
		long took = (System.nanoTime() - asked) / 1_000_000;

		assertThat(states).extracting(TestJob::status).contains("working").last().isEqualTo("cancelled");
		assertThat(took).as("the worker sees the flag at its next progress save (every 200 ms)").isLessThan(2000);
		assertThat(awaitFinished(job.id(), a)).containsExactly(job.id() + " CANCELLED");
		assertThat(runner(b).cancel(job.id()).block()).as("a final job is not cancelled again").isFalse();
		assertThat(runner(b).cancel("no-such-job").blockOptional()).isEmpty();
	}

	@Test
	void aQueuedJobIsCancelledAtOnceAndNeverRuns() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		TestJob blocker = newJob("blocker");
		runner(a).submit(blocker, context -> {
			release.await();
			return JobOutcome.succeeded(null);
		}).block();
		TestJob waiting = newJob("waiting");
		List<String> ran = new CopyOnWriteArrayList<>();
		runner(a).submit(waiting, context -> {
			ran.add(context.id());
			return JobOutcome.succeeded(null);
		}).block();
		assertThat(stored(b, waiting.id()).getString("status")).isEqualTo("waiting");

		assertThat(runner(b).cancel(waiting.id()).block()).isTrue();
		assertThat(stored(b, waiting.id()).getString("status")).isEqualTo("cancelled");
		assertThat(finished(b, waiting.id())).containsExactly(waiting.id() + " CANCELLED");

		release.countDown();
		assertThat(runner(b).follow(blocker.id(), TestJob.class).blockLast(Duration.ofSeconds(10)).status())
			.isEqualTo("done");
		Thread.sleep(200);
		assertThat(ran).as("the cancelled job's body never ran").isEmpty();
		assertThat(stored(b, waiting.id()).getString("status")).isEqualTo("cancelled");
	}

	@Test
	void aBodyThatThrowsFailsItsJobWithoutShowingTheException() throws Exception {
		TestJob job = newJob("broken");
		runner(a).submit(job, context -> {
			throw new IllegalStateException("/srv/secret/path.json is broken");
		}).block();
		TestJob end = runner(b).follow(job.id(), TestJob.class).blockLast(Duration.ofSeconds(10));
		assertThat(end.status()).isEqualTo("broken");
		assertThat(end.error()).contains("server error").contains(job.id()).doesNotContain("/srv", "Exception");
		assertThat(awaitFinished(job.id(), a)).containsExactly(job.id() + " FAILED");
	}

	@Test
	void aFullQueueIsRefusedWith503AndLeavesNoJob() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		JobBody blocking = context -> {
			release.await();
			return JobOutcome.succeeded(null);
		};
		try {
			// one worker and two places in the queue
			for (int i = 0; i < 3; i++) {
				runner(a).submit(newJob("fill"), blocking).block();
			}
			TestJob refused = newJob("refused");
			assertThatThrownBy(() -> runner(a).submit(refused, blocking).block())
				.isInstanceOfSatisfying(ErrorResponseException.class,
						ex -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
			assertThat(stored(a, refused.id())).isNull();
		}
		finally {
			release.countDown();
			awaitIdle(runner(a));
		}
	}

	static void awaitIdle(JobRunner runner) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (runner.held(JobStatus.QUEUED) + runner.held(JobStatus.RUNNING) > 0) {
			assertThat(System.nanoTime()).as("the runner's jobs end").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	@Test
	void whenItsOwnerStopsARunningJobIsMarkedInterruptedByTheOtherReplica() throws Exception {
		TestJob job = newJob("cut");
		ConfigurableApplicationContext owner = replica();
		startEndless(runner(owner), job);
		var stream = runner(b).follow(job.id(), TestJob.class).collectList().toFuture();

		TestJobs ownersDefinition = definition(owner);
		owner.close();

		List<TestJob> states = stream.get(10, TimeUnit.SECONDS);
		assertThat(states).extracting(TestJob::status).last().isEqualTo("interrupted");
		assertThat(states.get(states.size() - 1).error()).contains("stopped while this test job was running");
		List<String> recovered = awaitFinished(job.id(), a, b);
		assertThat(recovered).as("one of the other replicas recovered it, once").containsExactly(job.id() + " INTERRUPTED");
		assertThat(ownersDefinition.finished).as("a stopping owner writes nothing more: recovery does").isEmpty();
	}

	@Test
	void aJobWithAFreshHeartbeatIsLeftAloneAndOneRecordedWithoutAnOwnerIsInterruptedAtOnce() {
		ReactiveMongoTemplate mongo = b.getBean(ReactiveMongoTemplate.class);
		String alive = UUID.randomUUID().toString();
		String legacy = UUID.randomUUID().toString();
		String stale = UUID.randomUUID().toString();
		Date now = new Date();
		mongo.insert(new Document("_id", alive).append("status", "working").append(JobRunner.OWNER, "elsewhere")
			.append(JobRunner.HEARTBEAT_AT, now), COLLECTION).block();
		mongo.insert(new Document("_id", legacy).append("status", "working"), COLLECTION).block();
		mongo.insert(new Document("_id", stale).append("status", "waiting").append(JobRunner.OWNER, "gone")
			.append(JobRunner.HEARTBEAT_AT, Date.from(Instant.now().minusSeconds(60))), COLLECTION).block();

		runner(b).recover().block();

		assertThat(stored(b, alive).getString("status")).isEqualTo("working");
		assertThat(stored(b, legacy).getString("status")).isEqualTo("interrupted");
		assertThat(stored(b, stale).getString("status")).isEqualTo("interrupted");
		mongo.remove(Query.query(where("_id").is(alive)), COLLECTION).block();
	}

	record TestJob(@Id String id, String name, String status, int done, String result, String error) {
	}

	/** A job kind whose status words differ from the kernel's, as each service's do. */
	static final class TestJobs implements JobDefinition {

		final List<String> finished = new CopyOnWriteArrayList<>();

		@Override
		public String name() {
			return "test job";
		}

		@Override
		public String collection() {
			return COLLECTION;
		}

		@Override
		public String statusName(JobStatus status) {
			return switch (status) {
				case QUEUED -> "waiting";
				case RUNNING -> "working";
				case SUCCEEDED -> "done";
				case FAILED -> "broken";
				case CANCELLED -> "cancelled";
				case INTERRUPTED -> "interrupted";
			};
		}

		@Override
		public Mono<Void> afterFinish(String id, JobStatus status) {
			return Mono.fromRunnable(() -> this.finished.add(id + " " + status));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Replica {

		@Bean
		TestJobs testJobs() {
			return new TestJobs();
		}

		@Bean
		ThreadPoolTaskExecutor testJobExecutor() {
			return JobRunner.executor("test-job-", 1, 2);
		}

		@Bean
		JobRunner testJobRunner(TestJobs definition, ReactiveMongoTemplate mongo, ThreadPoolTaskExecutor testJobExecutor,
				JobOwner owner, JobProperties properties) {
			return new JobRunner(definition, mongo, testJobExecutor, owner, properties);
		}
	}
}
