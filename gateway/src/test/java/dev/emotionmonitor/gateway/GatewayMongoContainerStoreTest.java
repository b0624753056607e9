package dev.emotionmonitor.gateway;

import dev.emotionmonitor.common.test.MongoContainerStoreContract;

class GatewayMongoContainerStoreTest extends MongoContainerStoreContract {

	GatewayMongoContainerStoreTest() {
		super(GatewayApplication.class, "gateway");
	}
}
