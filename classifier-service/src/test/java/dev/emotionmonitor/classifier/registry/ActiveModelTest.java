package dev.emotionmonitor.classifier.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.ModelFiles;
import dev.emotionmonitor.classifier.model.TextPredictor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActiveModelTest {

	private static final List<String> TEXTS = List.of("드디어 합격해서 너무 기뻐요", "내일 발표가 걱정돼서 잠이 안 와요");

	/** As the application's {@code modelScheduler}. */
	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	@BeforeEach
	void startScheduler() {
		this.scheduler.initialize();
	}

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdown();
	}

	@Test
	void isDownUntilAModelIsLoaded() {
		ActiveModel active = new ActiveModel(this.scheduler);
		assertThat(active.health().block().getStatus()).isEqualTo(Status.DOWN);
		assertThat(active.current()).isNull();
		active.close();
	}

	/**
	 * A worker that picked up the old model just before the swap finishes its batch on it; the old model is closed
	 * only after the grace period, and the new one keeps serving.
	 */
	@Test
	void closesTheReplacedModelOnlyAfterTheGracePeriod(@TempDir Path work) throws Exception {
		Path directory = ModelFiles.copyFromClasspath("starter-model", work.resolve("starter"));
		EmotionModel first = ModelFiles.load(directory);
		EmotionModel second = ModelFiles.load(directory);
		second.renameVersion("second");
		float[][] expected = first.predict(TEXTS);
		ActiveModel active = new ActiveModel(this.scheduler, Duration.ofMillis(600));
		try {
			active.swap(first);
			TextPredictor inFlight = first.newPredictor();
			long swapped = System.nanoTime();
			active.swap(second);

			assertThat(active.current()).isSameAs(second);
			assertThat(active.version()).isEqualTo("second");
			assertThat(inFlight.predict(TEXTS)).as("the batch in flight at the swap finishes on the old model")
				.isDeepEqualTo(expected);
			inFlight.close();
			assertThat(first.predict(TEXTS)).as("the old model is still open right after the swap").isDeepEqualTo(expected);

			long deadline = swapped + Duration.ofSeconds(10).toNanos();
			while (isOpen(first) && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			long closedAfterMillis = Duration.ofNanos(System.nanoTime() - swapped).toMillis();
			assertThat(isOpen(first)).as("closed once the grace period is over").isFalse();
			assertThat(closedAfterMillis).as("not closed before the grace period").isGreaterThanOrEqualTo(550);
			assertThat(second.predict(TEXTS)).as("the new model is untouched").isDeepEqualTo(expected);
		}
		finally {
			active.close();
		}
		assertThat(isOpen(second)).as("closing the replica closes the model it serves").isFalse();
	}

	private static boolean isOpen(EmotionModel model) {
		try {
			model.predict(TEXTS);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}
}
