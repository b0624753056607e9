package dev.emotionmonitor.scraper;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Location headers of created sources, runs and imports: through the gateway (which strips {@code /api/scraper} and
 * says so in X-Forwarded-*) they are the public URL; called directly they resolve on the service itself.
 */
class LocationHeadersTest extends ScraperServiceTest {

	private static final Consumer<HttpHeaders> THROUGH_THE_GATEWAY = headers -> {
		headers.set("X-Forwarded-Proto", "https");
		headers.set("X-Forwarded-Host", "emotion.example.org");
		headers.set("X-Forwarded-Port", "443");
		headers.set("X-Forwarded-Prefix", "/api/scraper");
	};

	private static final String PUBLIC = "https://emotion.example.org/api/scraper";

	@Test
	void throughTheGatewayLocationsAreThePublicUrls() {
		discord.addMessages("800000000000000066", 3, Instant.parse("2026-10-06T00:00:00Z"));
		EntityExchangeResult<JsonNode> source = createSource(THROUGH_THE_GATEWAY);
		String sourceId = source.getResponseBody().path("id").asString();
		assertThat(source.getResponseHeaders().getLocation()).hasToString(PUBLIC + "/sources/" + sourceId);

		EntityExchangeResult<JsonNode> run = http.post()
			.uri("/sources/{id}/runs", sourceId)
			.headers(THROUGH_THE_GATEWAY)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult();
		assertThat(run.getResponseHeaders().getLocation())
			.hasToString(PUBLIC + "/runs/" + run.getResponseBody().path("id").asString());
		awaitRun(run.getResponseBody().path("id").asString());

		EntityExchangeResult<JsonNode> imported = importExport(THROUGH_THE_GATEWAY);
		assertThat(imported.getResponseHeaders().getLocation())
			.hasToString(PUBLIC + "/runs/" + imported.getResponseBody().path("id").asString());
	}

	@Test
	void calledDirectlyLocationsResolveOnTheService() {
		EntityExchangeResult<JsonNode> source = createSource(headers -> {
		});
		assertThat(follow(source.getResponseHeaders().getLocation()).path("id").asString())
			.isEqualTo(source.getResponseBody().path("id").asString());

		EntityExchangeResult<JsonNode> imported = importExport(headers -> {
		});
		assertThat(follow(imported.getResponseHeaders().getLocation()).path("id").asString())
			.isEqualTo(imported.getResponseBody().path("id").asString());
	}

	private JsonNode follow(URI location) {
		assertThat(location).isNotNull();
		return http.get().uri(location).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
	}

	private EntityExchangeResult<JsonNode> createSource(Consumer<HttpHeaders> headers) {
		return http.post()
			.uri("/sources")
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "located", "kind", "discord-api", "channel_id", "800000000000000066"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	private EntityExchangeResult<JsonNode> importExport(Consumer<HttpHeaders> headers) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		String json = ExportFixture.of(5, 31).json("1100000000000000066", "located");
		builder.part("file", new ByteArrayResource(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "export.json";
			}
		}).contentType(MediaType.APPLICATION_JSON);
		return http.post()
			.uri("/imports/discord-export")
			.headers(headers)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(builder.build()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult();
	}
}
