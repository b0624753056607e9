package dev.emotionmonitor.classifier;

import dev.emotionmonitor.common.test.ServiceStoreContract;

class ClassifierStoreTest extends ServiceStoreContract {

	ClassifierStoreTest() {
		super(ClassifierServiceApplication.class, "classifier");
	}
}
