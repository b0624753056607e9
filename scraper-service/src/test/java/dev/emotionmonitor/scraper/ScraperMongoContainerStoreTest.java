package dev.emotionmonitor.scraper;

import dev.emotionmonitor.common.test.MongoContainerStoreContract;

class ScraperMongoContainerStoreTest extends MongoContainerStoreContract {

	ScraperMongoContainerStoreTest() {
		super(ScraperServiceApplication.class, "scraper");
	}
}
