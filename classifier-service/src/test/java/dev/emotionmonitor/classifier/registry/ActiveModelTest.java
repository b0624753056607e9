package dev.emotionmonitor.classifier.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.ModelCard;
import dev.emotionmonitor.classifier.model.NetworkModel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ActiveModelTest {

	/** A model that only counts its {@code close()} calls (a mock of the final NetworkModel: Mockito's inline maker). */
	private record Fake(EmotionModel model, AtomicInteger closes) {

		Fake(String version) {
			this(mock(NetworkModel.class), new AtomicInteger());
			ModelCard card = mock(ModelCard.class);
			when(card.version()).thenReturn(version);
			when(card.kind()).thenReturn("fake");
			when(this.model.card()).thenReturn(card);
			when(this.model.version()).thenReturn(version);
			doAnswer(invocation -> {
				this.closes.incrementAndGet();
				return null;
			}).when(this.model).close();
		}

		int closed() {
			return this.closes.get();
		}
	}

	@Test
	void isDownUntilAModelIsLoaded() {
		ActiveModel active = new ActiveModel();
		assertThat(active.health().block().getStatus()).isEqualTo(Status.DOWN);
		assertThat(active.current()).isNull();
		assertThat(active.lease()).isNull();
		active.close();
	}

	@Test
	void keepsTheReplacedModelOpenWhileALeaseOnItIsOpenAndClosesItWithTheLastOne() {
		Fake first = new Fake("first");
		Fake second = new Fake("second");
		ActiveModel active = new ActiveModel();
		active.swap(first.model());
		ActiveModel.Lease inFlight = active.lease();
		ActiveModel.Lease other = active.lease();
		assertThat(inFlight.model()).isSameAs(first.model());

		active.swap(second.model());
		assertThat(active.current()).isSameAs(second.model());
		assertThat(active.version()).isEqualTo("second");
		assertThat(active.health().block().getStatus()).isEqualTo(Status.UP);
		LockSupport.parkNanos(300_000_000L);
		assertThat(first.closed()).as("open while leases on it are open, however long after the swap").isZero();

		other.close();
		assertThat(first.closed()).as("one lease is still open").isZero();
		inFlight.close();
		assertThat(first.closed()).as("closed as soon as the last lease is closed").isEqualTo(1);
		assertThat(second.closed()).as("the served model is untouched").isZero();

		active.close();
		assertThat(second.closed()).as("closing the replica closes the model it serves").isEqualTo(1);
		assertThat(first.closed()).isEqualTo(1);
	}

	@Test
	void closesAModelWithoutLeasesRightAtTheSwap() {
		Fake first = new Fake("first");
		Fake second = new Fake("second");
		ActiveModel active = new ActiveModel();
		active.swap(first.model());
		try (ActiveModel.Lease lease = active.lease()) {
			assertThat(lease.model()).isSameAs(first.model());
		}
		assertThat(first.closed()).as("still served").isZero();

		active.swap(first.model());
		assertThat(first.closed()).as("swapping in the served model again changes nothing").isZero();

		active.swap(second.model());
		assertThat(first.closed()).isEqualTo(1);
		assertThat(active.lease().model()).isSameAs(second.model());
	}

	@Test
	void shutdownClosesTheServedModelOnceItsLeasesAreClosed() {
		Fake model = new Fake("only");
		ActiveModel active = new ActiveModel();
		active.swap(model.model());
		ActiveModel.Lease lease = active.lease();

		active.close();
		assertThat(active.current()).isNull();
		assertThat(active.lease()).isNull();
		assertThat(model.closed()).as("a worker still holds it").isZero();
		lease.close();
		assertThat(model.closed()).isEqualTo(1);
	}

	/** Four threads keep leasing while models are swapped in: no lease gets a closed model, each closes once. */
	@Test
	void concurrentLeasesAndSwapsNeverHandOutAClosedModelAndCloseEachModelOnce() throws Exception {
		int threads = 4;
		int minLeases = 3_000;
		List<Fake> fakes = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			fakes.add(new Fake("v" + i));
		}
		Map<EmotionModel, Fake> byModel = Collections.synchronizedMap(new IdentityHashMap<>());
		fakes.forEach(fake -> byModel.put(fake.model(), fake));

		ActiveModel active = new ActiveModel();
		active.swap(fakes.get(0).model());
		AtomicBoolean swapping = new AtomicBoolean(true);
		AtomicInteger leases = new AtomicInteger();
		AtomicInteger sawClosed = new AtomicInteger();
		AtomicInteger sawNone = new AtomicInteger();
		List<Thread> leasing = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread thread = new Thread(() -> {
				for (int n = 0; swapping.get() || n < minLeases; n++) {
					try (ActiveModel.Lease lease = active.lease()) {
						if (lease == null) {
							sawNone.incrementAndGet();
							continue;
						}
						Fake fake = byModel.get(lease.model());
						if (fake.closed() != 0) {
							sawClosed.incrementAndGet();
						}
						Thread.onSpinWait();
						if (fake.closed() != 0) {
							sawClosed.incrementAndGet();
						}
						leases.incrementAndGet();
					}
				}
			});
			thread.start();
			leasing.add(thread);
		}
		for (Fake next : fakes.subList(1, fakes.size())) {
			Thread.yield();
			active.swap(next.model());
		}
		swapping.set(false);
		for (Thread thread : leasing) {
			thread.join(30_000);
			assertThat(thread.isAlive()).isFalse();
		}
		active.close();

		assertThat(leases.get()).isGreaterThanOrEqualTo(threads * minLeases);
		assertThat(sawNone.get()).as("leases refused while a model was served").isZero();
		assertThat(sawClosed.get()).as("leases that saw their model closed").isZero();
		assertThat(fakes).allSatisfy(fake -> assertThat(fake.closed()).as("closes of %s", fake.model().version())
			.isEqualTo(1));
	}
}
