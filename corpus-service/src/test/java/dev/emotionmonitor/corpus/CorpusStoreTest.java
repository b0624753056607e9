package dev.emotionmonitor.corpus;

import java.util.Arrays;
import java.util.stream.Stream;

import dev.emotionmonitor.common.test.ServiceStoreContract;

import org.springframework.context.ConfigurableApplicationContext;

class CorpusStoreTest extends ServiceStoreContract {

	CorpusStoreTest() {
		super(CorpusServiceApplication.class, "corpus");
	}

	/** The service creates its upload directory under the store path at start: keep it under target/ here. */
	@Override
	protected ConfigurableApplicationContext start(String... arguments) {
		if (Arrays.stream(arguments).anyMatch(argument -> argument.startsWith("--emotion.store.embedded.path="))) {
			return super.start(arguments);
		}
		return super.start(Stream
			.concat(Arrays.stream(arguments), Stream.of("--emotion.store.embedded.path=target/test-store"))
			.toArray(String[]::new));
	}
}
