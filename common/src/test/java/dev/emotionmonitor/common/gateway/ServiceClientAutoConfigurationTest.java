package dev.emotionmonitor.common.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceClientAutoConfigurationTest {

	private static final List<Seen> seen = new CopyOnWriteArrayList<>();

	private static HttpServer gateway;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				RestClientAutoConfiguration.class, ServiceClientAutoConfiguration.class))
		.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE");

	@BeforeAll
	static void startGateway() throws IOException {
		gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/api/echo", exchange -> {
			seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			answer(exchange, 200, "{\"model_version\": \"v7\"}");
		});
		gateway.createContext("/api/busy", exchange -> {
			exchange.getResponseHeaders().set("Retry-After", "3");
			answer(exchange, 503, "{\"detail\": \"the classifier is busy\"}");
		});
		gateway.createContext("/api/slow", exchange -> {
			try {
				Thread.sleep(1500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 200, "{}");
		});
		// the slow answer must not hold back the other tests' requests
		gateway.setExecutor(Executors.newCachedThreadPool());
		gateway.start();
	}

	@AfterAll
	static void stopGateway() {
		gateway.stop(0);
	}

	@Test
	void callsTheGatewayWithTheServicesKeyInTheServicesJson() {
		contexts.withBean(GatewaySettings.class, () -> new Settings(url(), "the-service-key", null)).run(context -> {
			ServiceClient client = context.getBean(ServiceClient.class);

			Answer answer = client.rest().post().uri("/api/echo").contentType(MediaType.APPLICATION_JSON)
				.body(new Question("m-1")).retrieve().body(Answer.class);
			assertThat(answer).isEqualTo(new Answer("v7"));
			assertThat(last()).isEqualTo(new Seen("/api/echo", "Bearer the-service-key", "{\"message_id\":\"m-1\"}"));

			Answer reactive = client.web().post().uri("/api/echo").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Question("m-2")).retrieve().bodyToMono(Answer.class).block(Duration.ofSeconds(10));
			assertThat(reactive).isEqualTo(new Answer("v7"));
			assertThat(last()).isEqualTo(new Seen("/api/echo", "Bearer the-service-key", "{\"message_id\":\"m-2\"}"));
		});
	}

	@Test
	void sendsNoAuthorizationWithoutAKey() {
		contexts.withBean(GatewaySettings.class, () -> new Settings(url(), "", null)).run(context -> {
			context.getBean(ServiceClient.class).rest().get().uri("/api/echo").retrieve().toBodilessEntity();
			assertThat(last().authorization()).isNull();
		});
	}

	@Test
	void aRefusedCallNamesItsStatusAndPathAndKeepsTheAnswer() {
		contexts.withBean(GatewaySettings.class, () -> new Settings(url(), "k", null)).run(context -> {
			assertThatThrownBy(() -> context.getBean(ServiceClient.class).rest().get().uri("/api/busy").retrieve()
				.toBodilessEntity()).isInstanceOfSatisfying(HttpServerErrorException.class, refused -> {
					assertThat(refused.getMessage()).isEqualTo("503 from /api/busy");
					assertThat(refused.getStatusCode().value()).isEqualTo(503);
					assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("3");
					assertThat(refused.getResponseBodyAsString()).contains("the classifier is busy");
				});
		});
	}

	@Test
	void aGatewayThatDoesNotAnswerInTimeFailsTheCall() {
		contexts.withBean(GatewaySettings.class, () -> new Settings(url(), "k", Duration.ofMillis(300))).run(context -> {
			long started = System.nanoTime();
			assertThatThrownBy(() -> context.getBean(ServiceClient.class).rest().get().uri("/api/slow").retrieve()
				.toBodilessEntity()).isInstanceOf(ResourceAccessException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
		});
	}

	@Test
	void aServiceWhoseSettingsNameNoGatewayGetsNoClient() {
		contexts.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceClient.class));
	}

	private static Seen last() {
		return seen.get(seen.size() - 1);
	}

	private static URI url() {
		return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private record Settings(URI gatewayUrl, String serviceKey, Duration timeout) implements GatewaySettings {

		@Override
		public Duration gatewayTimeout() {
			return timeout == null ? GatewaySettings.super.gatewayTimeout() : timeout;
		}
	}

	record Seen(String path, String authorization, String body) {
	}

	record Question(String messageId) {
	}

	record Answer(String modelVersion) {
	}
}
