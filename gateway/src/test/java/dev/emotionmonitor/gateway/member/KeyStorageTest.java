package dev.emotionmonitor.gateway.member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys, export tokens and session tokens exist only as hashes in the store and are shown only once. */
class KeyStorageTest extends GatewayTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void noKeyOrSessionTokenIsStoredInClear() {
		NewMember member = addMember("hash only", "member");
		IssuedKey export = issueKey(member.id(), "export");
		String cookie = client.post()
			.uri("/api/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", member.key()))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE);
		String sessionToken = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));

		String everything = dumpAllCollections();
		for (String secret : List.of(member.key(), export.key(), sessionToken, SERVICE_KEY)) {
			assertThat(everything).doesNotContain(secret);
			assertThat(everything).doesNotContain(secret.substring(8));
		}
		assertThat(everything).contains(Keys.hash(member.key())).contains(Keys.hash(export.key()))
			.contains(Keys.hash(sessionToken));
		assertThat(member.key()).startsWith("emk_").hasSize(47);
		assertThat(export.key()).startsWith("emx_").hasSize(47);
	}

	@Test
	void listingShowsPrefixAndLastUseButNeverTheKey() {
		NewMember member = addMember("listed keys", "member");
		client.get()
			.uri("/api/dashboard/timeline")
			.headers(h -> h.setBearerAuth(member.key()))
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.get()
			.uri("/api/admin/keys?member_id=" + member.id())
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.items[0].prefix")
			.isEqualTo(member.key().substring(0, 8))
			.jsonPath("$.items[0].last_used_at")
			.isNotEmpty()
			.jsonPath("$.items[0].key")
			.doesNotExist()
			.jsonPath("$.items[0].hash")
			.doesNotExist());
	}

	private String dumpAllCollections() {
		List<String> names = mongo.getCollectionNames().collectList().block();
		List<String> documents = new ArrayList<>();
		for (String name : names) {
			mongo.findAll(Document.class, name).map(Document::toJson).toIterable().forEach(documents::add);
		}
		assertThat(names).contains("members", "api_keys", "sessions");
		return String.join("\n", documents);
	}
}
