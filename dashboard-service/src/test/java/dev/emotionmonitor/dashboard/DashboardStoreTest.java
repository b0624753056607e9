package dev.emotionmonitor.dashboard;

import dev.emotionmonitor.common.test.ServiceStoreContract;

class DashboardStoreTest extends ServiceStoreContract {

	DashboardStoreTest() {
		super(DashboardServiceApplication.class, "dashboard");
	}
}
