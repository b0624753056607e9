package dev.emotionmonitor.corpus;

import dev.emotionmonitor.common.test.ServiceStoreContract;

class CorpusStoreTest extends ServiceStoreContract {

	CorpusStoreTest() {
		super(CorpusServiceApplication.class, "corpus");
	}
}
