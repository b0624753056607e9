package dev.emotionmonitor.common.test;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The same store round trip against a real {@code mongo:8}; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
public abstract class MongoContainerStoreContract {

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	private final Class<?> application;

	private final String database;

	protected MongoContainerStoreContract(Class<?> application, String database) {
		this.application = application;
		this.database = database;
	}

	@Test
	void realMongoKeepsDataAcrossRestart() {
		String uri = "--MONGODB_URI=" + mongo.getReplicaSetUrl();
		try (ConfigurableApplicationContext first = start(uri)) {
			first.getBean(ReactiveMongoTemplate.class)
				.insert(new Document("_id", "restart-check").append("written", "before restart"), "store_check")
				.block();
		}
		try (ConfigurableApplicationContext second = start(uri)) {
			ReactiveMongoTemplate template = second.getBean(ReactiveMongoTemplate.class);
			assertThat(template.getMongoDatabase().block().getName()).isEqualTo(database);
			assertThat(template.findById("restart-check", Document.class, "store_check").block()).isNotNull();
		}
	}

	private ConfigurableApplicationContext start(String uriArgument) {
		return TestApplications.start(application, uriArgument);
	}
}
