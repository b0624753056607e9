package dev.emotionmonitor.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port in front of one {@link StubBackend} for every service, with the embedded store in
 * memory. Subclasses share one application context; each test makes its own members and keys, so rate-limit buckets
 * and log entries never mix between tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class GatewayTest {

	public static final String SERVICE_KEY = "gateway-test-service-key";

	public static final String ALLOWED_ORIGIN = "https://front.example.org";

	protected static final StubBackend backend = Shared.BACKEND;

	protected static final Path dataDir = Shared.DATA_DIR;

	protected WebTestClient client;

	/** A generous timeout: the machine that runs the tests may be busy with other builds. */
	@Autowired
	void client(WebTestClient client) {
		this.client = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
	}

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		for (String service : List.of("corpus", "classifier", "scraper", "dashboard")) {
			registry.add("emotion.gateway.services." + service, backend::url);
		}
		registry.add("emotion.gateway.service-key", () -> SERVICE_KEY);
		registry.add("emotion.gateway.data-dir", dataDir::toString);
		registry.add("emotion.gateway.api-log.flush-interval", () -> "100ms");
		registry.add("emotion.gateway.rate-limits.routes.classifier.member.capacity", () -> "5");
		registry.add("emotion.gateway.rate-limits.routes.classifier.member.refill-per-second", () -> "1");
		registry.add("emotion.gateway.request-size.routes.dashboard", () -> "64KB");
		registry.add("emotion.gateway.cors.allowed-origins", () -> ALLOWED_ORIGIN);
	}

	/** A new member made through the admin API with the service key; {@code key} is its first API key. */
	protected NewMember addMember(String name, String role, String... identities) {
		Map<String, Object> created = client.post()
			.uri("/api/admin/members")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("display_name", name, "role", role, "identities", List.of(identities)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		Map<String, Object> member = (Map<String, Object>) created.get("member");
		@SuppressWarnings("unchecked")
		Map<String, Object> key = (Map<String, Object>) created.get("api_key");
		return new NewMember((String) member.get("id"), name, (String) key.get("id"), (String) key.get("key"));
	}

	/** An export token for a member, issued through the admin API. */
	protected IssuedKey issueKey(String memberId, String kind) {
		Map<String, Object> key = client.post()
			.uri("/api/admin/keys")
			.headers(h -> h.setBearerAuth(SERVICE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("member_id", memberId, "kind", kind, "name", "test " + kind))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return new IssuedKey((String) key.get("id"), (String) key.get("key"));
	}

	public record NewMember(String id, String name, String keyId, String key) {
	}

	public record IssuedKey(String id, String key) {
	}

	private static final class Shared {

		static final StubBackend BACKEND = new StubBackend();

		static final Path DATA_DIR = temporaryDirectory();

		private static Path temporaryDirectory() {
			try {
				Path directory = Files.createTempDirectory("gateway-test-data");
				directory.toFile().deleteOnExit();
				return directory;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}
}
