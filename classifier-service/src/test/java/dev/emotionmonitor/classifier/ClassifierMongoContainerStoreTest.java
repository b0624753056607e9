package dev.emotionmonitor.classifier;

import dev.emotionmonitor.common.test.MongoContainerStoreContract;

class ClassifierMongoContainerStoreTest extends MongoContainerStoreContract {

	ClassifierMongoContainerStoreTest() {
		super(ClassifierServiceApplication.class, "classifier");
	}
}
