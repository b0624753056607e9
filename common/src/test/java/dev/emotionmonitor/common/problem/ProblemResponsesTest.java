package dev.emotionmonitor.common.problem;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal backend (it verifies caller tokens like every service; the test client sends one) answering problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = ProblemResponsesTest.ProblemTestApplication.class, properties = { "emotion.security.audience=test", "spring.webflux.codecs.max-in-memory-size=256KB" })
@AutoConfigureWebTestClient
class ProblemResponsesTest {

	@Autowired
	WebTestClient client;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	@Test
	void aCallWithoutACallerTokenIs401ProblemJson() {
		client.get()
			.uri("/no/such/thing")
			.header(org.springframework.http.HttpHeaders.AUTHORIZATION,
					"Bearer " + dev.emotionmonitor.common.test.TestCallers.foreignToken(
							dev.emotionmonitor.common.caller.Caller.SERVICE, "test"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
				.startsWith("The caller token is not valid"));
	}

	@Test
	void unknownPathIsProblemJson() {
		client.get()
			.uri("/no/such/thing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.instance")
			.isEqualTo("/no/such/thing");
	}

	@Test
	void malformedJsonSaysWhatIsWrong() {
		client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\": ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("JSON"));
	}

	@Test
	void validationFailureNamesTheField() {
		client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", " "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).startsWith("text "));
	}

	@Test
	void thrownProblemKeepsItsStatusAndDetail() {
		client.get()
			.uri("/conflict")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("dataset demo is being imported")
			.jsonPath("$.record")
			.isEqualTo(17);
	}

	@Test
	void unexpectedErrorHidesInternals() {
		client.get()
			.uri("/boom")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).doesNotContain("secret"));
	}

	@Test
	void aBodyWithoutContentTypeIs415WithWhatToSend() {
		client.post()
			.uri("/echo")
			.bodyValue("{\"text\": \"hi\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("application/json"));
	}

	@Test
	void aBodyOverTheLimitIs413WithTheLimit() {
		client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "x".repeat(300 * 1024)))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("256KB"));
	}

	@Test
	void aFieldOfTheWrongTypeIsNamedWithoutJavaTypes() {
		client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\": {\"nested\": true}}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("text")
				.doesNotContain("java.", "JsonToken", "Echo", "dev.emotionmonitor"));
	}

	@Test
	void anUnknownPathSaysSoWithoutNamingStaticResources() {
		client.get()
			.uri("/classify")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).doesNotContain("static resource")
				.contains("/classify"));
	}

	@Test
	void rawUtf8InTheQueryIsReadAsCurlMeantIt() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			String request = "GET /echo-query?author=민지 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ "Authorization: " + dev.emotionmonitor.common.test.TestCallers
						.bearer(dev.emotionmonitor.common.test.TestCallers.admin(), "test")
					+ "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			org.assertj.core.api.Assertions.assertThat(response).startsWith("HTTP/1.1 200").contains("\"text\":\"민지\"");
		}
	}

	@SpringBootApplication
	static class ProblemTestApplication {

		@RestController
		static class ProblemTestController {

			record Echo(@NotBlank String text) {
			}

			@PostMapping("/echo")
			Mono<Echo> echo(@Valid @RequestBody Echo echo) {
				return Mono.just(echo);
			}

			@GetMapping("/echo-query")
			Mono<Echo> echoQuery(@org.springframework.web.bind.annotation.RequestParam String author) {
				return Mono.just(new Echo(author));
			}

			@GetMapping("/conflict")
			Mono<String> conflict() {
				throw Problems.of(org.springframework.http.HttpStatus.CONFLICT, "dataset demo is being imported",
						Map.of("record", 17));
			}

			@GetMapping("/boom")
			Mono<String> boom() {
				return Mono.error(new IllegalStateException("secret internals"));
			}
		}
	}
}
