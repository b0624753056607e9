package dev.emotionmonitor.scraper.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.TestApplications;
import dev.emotionmonitor.common.test.TestCallers;
import dev.emotionmonitor.scraper.ScraperServiceApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scraper-service as the tests call it over HTTP: sources, runs, imports and messages, and waiting for a run to end
 * and for the outbox to deliver it. {@link #startWithOutbox} starts a service of a test's own with the outbox on,
 * sending through a gateway-like router ({@link FakeGateway}) to the classifier and dashboard stand-ins;
 * {@link WithOutbox} is such a service in memory together with its stand-ins.
 */
public final class ScraperClient {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final WebTestClient http;

	public ScraperClient(WebTestClient http) {
		this.http = http;
	}

	/** A client of a service started by {@link #startWithOutbox}, calling as the services' key does. */
	public static ScraperClient of(ConfigurableApplicationContext app) {
		return new ScraperClient(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"))
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestCallers.bearer(Caller.SERVICE, "scraper"))
			.responseTimeout(PATIENCE)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
			.build());
	}

	/**
	 * Starts the service with the outbox worker on, sending to {@code gatewayUrl}, polling every 100 ms, without the
	 * schedule; on an on-disk store under {@code data} (survives a restart), or in memory when it is null.
	 * {@code extra} sets further properties ({@code --name=value}; each only once: a repeated one is joined, not
	 * replaced).
	 */
	public static ConfigurableApplicationContext startWithOutbox(String gatewayUrl, Path data, String... extra) {
		List<String> args = new ArrayList<>(List.of("--emotion.scraper.gateway-url=" + gatewayUrl,
				"--emotion.scraper.schedule.enabled=false", "--emotion.scraper.pipeline.poll-interval=100ms"));
		args.addAll(data == null ? List.of("--emotion.store.embedded.in-memory=true")
				: List.of("--emotion.store.embedded.in-memory=false", "--emotion.store.embedded.path=" + data));
		args.addAll(List.of(extra));
		return TestApplications.start(ScraperServiceApplication.class, args.toArray(String[]::new));
	}

	/**
	 * A service of a test's own, in memory, with the outbox on and the stand-ins it sends to: the classifier and the
	 * dashboard behind a gateway-like router. Closing it stops all of them.
	 */
	public static final class WithOutbox implements AutoCloseable {

		public final FakeClassifier classifier = new FakeClassifier();

		public final FakeDashboard dashboard = new FakeDashboard();

		private final FakeGateway gateway = new FakeGateway(classifier, dashboard);

		private final ConfigurableApplicationContext app;

		public final ScraperClient client;

		/** {@code extra} as for {@link #startWithOutbox}. */
		public WithOutbox(String... extra) {
			classifier.start();
			dashboard.start();
			gateway.start();
			try {
				app = startWithOutbox(gateway.url(), null, extra);
			}
			catch (RuntimeException ex) {
				stopStandIns();
				throw ex;
			}
			client = of(app);
		}

		@Override
		public void close() {
			app.close();
			stopStandIns();
		}

		private void stopStandIns() {
			gateway.stop();
			classifier.stop();
			dashboard.stop();
		}
	}

	public WebTestClient http() {
		return http;
	}

	public JsonNode get(String uri, Object... variables) {
		return http.get().uri(uri, variables).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
	}

	/** Every message matching the query string, all pages. */
	public List<JsonNode> allMessages(String filter) {
		List<JsonNode> all = new ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode answer = get("/messages?size=500&page=" + page + (filter.isEmpty() ? "" : "&" + filter));
			answer.path("items").forEach(all::add);
			if (answer.path("items").size() < 500) {
				return all;
			}
		}
	}

	/** Creates a source (201) and answers its id. */
	public String createSource(Map<String, ?> source) {
		return http.post().uri("/sources").contentType(MediaType.APPLICATION_JSON).bodyValue(source).exchange()
			.expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().path("id")
			.asString();
	}

	/** Starts a run of the source (202) and answers its id. */
	public String startRun(String sourceId) {
		return http.post().uri("/sources/{id}/runs", sourceId).exchange().expectStatus().isAccepted()
			.expectBody(JsonNode.class).returnResult().getResponseBody().path("id").asString();
	}

	/** Polls the run until it is no longer running; answers it as it ended. */
	public JsonNode awaitRun(String runId) {
		JsonNode[] run = new JsonNode[1];
		await("run " + runId + " ends", () -> {
			run[0] = get("/runs/{id}", runId);
			return !"running".equals(run[0].path("status").asString());
		});
		return run[0];
	}

	/** Waits until the outbox has nothing of the run waiting, and none of it failed; answers the run. */
	public JsonNode awaitDelivered(String runId) {
		await("run " + runId + " has nothing waiting", () -> get("/runs/{id}", runId).path("pending").asLong() == 0);
		JsonNode run = get("/runs/{id}", runId);
		assertThat(run.path("failed").asLong()).isZero();
		return run;
	}

	/** Imports one export file (201) and answers its run. */
	public JsonNode upload(String json) {
		return upload(json, "");
	}

	/** Imports one export file with the query string {@code query} (say {@code complete=true}): 201, the run. */
	public JsonNode upload(String json, String query) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		addFile(body, "export.json", json.getBytes(StandardCharsets.UTF_8));
		return upload(body, query);
	}

	/** Imports what {@code body} holds (201): one run, or {@code {"items": [run, …]}} for several channels. */
	public JsonNode upload(MultipartBodyBuilder body, String query) {
		return postImport(body, query).expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
	}

	/** Posts the upload to {@code POST /imports/discord-export?query}; the caller checks the answer. */
	public WebTestClient.ResponseSpec postImport(MultipartBodyBuilder body, String query) {
		return http.post().uri("/imports/discord-export" + (query.isEmpty() ? "" : "?" + query))
			.contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build())).exchange();
	}

	/** Adds a {@code file} field named {@code name}: a zip by its name, JSON otherwise. */
	public static void addFile(MultipartBodyBuilder body, String name, byte[] bytes) {
		body.part("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return name;
			}
		}).contentType(name.endsWith(".zip") ? MediaType.APPLICATION_OCTET_STREAM : MediaType.APPLICATION_JSON);
	}

	/** Polls {@code condition} every 100 ms for up to two minutes. */
	public static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}
}
