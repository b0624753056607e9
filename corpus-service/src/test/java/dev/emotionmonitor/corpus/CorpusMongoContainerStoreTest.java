package dev.emotionmonitor.corpus;

import dev.emotionmonitor.common.test.MongoContainerStoreContract;

class CorpusMongoContainerStoreTest extends MongoContainerStoreContract {

	CorpusMongoContainerStoreTest() {
		super(CorpusServiceApplication.class, "corpus");
	}
}
