package dev.emotionmonitor.dashboard;

import dev.emotionmonitor.common.test.MongoContainerStoreContract;

class DashboardMongoContainerStoreTest extends MongoContainerStoreContract {

	DashboardMongoContainerStoreTest() {
		super(DashboardServiceApplication.class, "dashboard");
	}
}
