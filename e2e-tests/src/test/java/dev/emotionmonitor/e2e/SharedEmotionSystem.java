package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code ./emotion up} shared, in failsafe's one JVM, by the end-to-end classes whose assumptions allow it:
 * {@link ReadmeCommandsIT} runs first on the fresh system (failsafe runs the classes in alphabetical order, see the
 * pom), then {@link SecurityIT}, then {@link SystemEndToEndIT}, which stops it with its checks ({@link #stop()}).
 * Saves two starts (about a minute each). Whatever the order or selection, each class gets a running system: one that
 * was stopped is started again on a fresh data directory, and a system nobody stopped is stopped when the run ends.
 * The rate limits are raised: {@link SecurityIT} calls every route five times over (the gateway's own tests check
 * the limits). The services run with the JIT's first tier only (faster start, same code).
 * <p>
 * Not shared: {@code DashboardCrashIT} (kills a service).
 */
final class SharedEmotionSystem {

	private static EmotionSystem system;

	private static EmotionSystem.Result up;

	private SharedEmotionSystem() {
	}

	/** Use with {@code @ExtendWith(SharedEmotionSystem.Stopper.class)} so a system left running is stopped at the end. */
	static final class Stopper implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			context.getRoot()
				.getStore(ExtensionContext.Namespace.create(SharedEmotionSystem.class))
				.computeIfAbsent("stop at the end of the test run", key -> (AutoCloseable) SharedEmotionSystem::stopIfRunning);
		}
	}

	/** The running shared system, started by {@code ./emotion up} if there is none. */
	static synchronized EmotionSystem get() {
		if (system == null) {
			try {
				// C1 only: the five services start on a third less CPU on a 2-core machine; the bytecode is the same
				system = new EmotionSystem(Files.createTempDirectory("emotion-e2e")).with("EMOTION_JAVA_OPTS",
						"-XX:TieredStopAtLevel=1");
				for (String role : List.of("ADMIN", "MEMBER", "EXPORT", "ANONYMOUS")) {
					system.with("RATE_LIMIT_" + role + "_BURST", "100000").with("RATE_LIMIT_" + role + "_PER_SECOND", "100000");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			up = system.emotion("up");
		}
		return system;
	}

	/** What {@code ./emotion up} printed when it started the shared system. */
	static synchronized EmotionSystem.Result upResult() {
		get();
		return up;
	}

	/** {@code ./emotion down}; answers the pids recorded before and what down printed. The next {@link #get()} starts anew. */
	static synchronized Stopped stop() {
		EmotionSystem stopping = get();
		List<Long> pids = stopping.recordedPids();
		EmotionSystem.Result down = stopping.emotion("down");
		system = null;
		up = null;
		delete(stopping.dataDirectory());
		return new Stopped(pids, down);
	}

	private static synchronized void stopIfRunning() {
		if (system != null) {
			stop();
		}
	}

	record Stopped(List<Long> pids, EmotionSystem.Result down) {
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a temp directory left behind is not worth failing a test for
		}
	}
}
