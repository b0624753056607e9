package dev.emotionmonitor.scraper;

import dev.emotionmonitor.common.test.ServiceStoreContract;

class ScraperStoreTest extends ServiceStoreContract {

	ScraperStoreTest() {
		super(ScraperServiceApplication.class, "scraper");
	}
}
