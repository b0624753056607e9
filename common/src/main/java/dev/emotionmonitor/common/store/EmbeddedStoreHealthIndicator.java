package dev.emotionmonitor.common.store;

import com.mongodb.reactivestreams.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of the embedded store. Replaces Spring Boot's Mongo indicator, whose {@code hello} command the embedded
 * server does not implement; {@code ping} it does.
 */
class EmbeddedStoreHealthIndicator implements ReactiveHealthIndicator {

	private final MongoClient client;

	private final MongoServer server;

	private final String location;

	EmbeddedStoreHealthIndicator(MongoClient client, MongoServer server, String location) {
		this.client = client;
		this.server = server;
		this.location = location;
	}

	@Override
	public Mono<Health> health() {
		return Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1)))
			.map(reply -> Health.up())
			.onErrorResume(ex -> Mono.just(Health.down(ex)))
			.map(health -> health.withDetail("embedded", true)
				.withDetail("address", String.valueOf(server.getLocalAddress()))
				.withDetail("location", location)
				.build());
	}
}
