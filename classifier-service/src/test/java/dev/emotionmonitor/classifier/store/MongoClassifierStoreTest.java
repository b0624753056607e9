package dev.emotionmonitor.classifier.store;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The classifier's store contract on a real {@code mongo:8}; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class MongoClassifierStoreTest extends ClassifierStoreContract {

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("MONGODB_URI", () -> mongo.getReplicaSetUrl("classifier"));
	}
}
