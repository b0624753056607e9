package dev.emotionmonitor.gateway.access;

import java.util.List;
import java.util.stream.Stream;

import dev.emotionmonitor.gateway.access.RouteRules.Access;
import dev.emotionmonitor.gateway.access.RouteRules.RouteRule;
import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every protected rule of the route table, called for real: without credentials it answers 401, with too small a
 * role 403, and an export token reaches only the exports; the right role gets through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteRulesAccessTest extends GatewayTest {

	private NewMember member;

	private NewMember admin;

	private IssuedKey exportToken;

	@BeforeAll
	void members() {
		member = addMember("규칙 멤버", "member");
		admin = addMember("rules admin", "admin");
		exportToken = issueKey(member.id(), "export");
	}

	static Stream<Arguments> protectedRules() {
		return RouteRules.RULES.stream()
			.filter(rule -> rule.access() != Access.PUBLIC)
			.map(rule -> Arguments.of(rule.describe(), rule));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("protectedRules")
	void refusesCallersWithoutTheRole(String description, RouteRule rule) {
		Call call = sampleCall(rule);

		call(call, null).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueMatches("WWW-Authenticate", "Bearer.*")
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).isNotBlank());

		call(call, "wrong-" + member.key()).expectStatus().isUnauthorized();

		if (rule.access() == Access.ADMIN) {
			call(call, member.key()).expectStatus()
				.isForbidden()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value(detail -> assertThat((String) detail).contains("needs the admin role"));
		}
		else {
			int status = call(call, member.key()).returnResult(String.class).getStatus().value();
			assertThat(status).as("a member passes " + description).isNotIn(401, 403);
		}

		if (!rule.exportTokens()) {
			call(call, exportToken.key()).expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.detail")
				.value(detail -> assertThat((String) detail).contains("Export tokens are read-only"));
		}

		int adminStatus = call(call, admin.key()).returnResult(String.class).getStatus().value();
		assertThat(adminStatus).as("an admin passes " + description).isNotIn(401, 403);
		int serviceStatus = call(call, SERVICE_KEY).returnResult(String.class).getStatus().value();
		assertThat(serviceStatus).as("the service key passes " + description).isNotIn(401, 403);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("protectedRules")
	void exportTokensInTheQueryReachOnlyExports(String description, RouteRule rule) {
		Call call = sampleCall(rule);
		String uri = call.path() + "?from=2026-01-01&token=" + exportToken.key();
		WebTestClient.ResponseSpec response = client.method(call.method()).uri(uri).exchange();
		if (rule.exportTokens()) {
			response.expectStatus().isOk();
			String forwarded = backend.last(call.path().replace("/api/dashboard", "")).uri();
			assertThat(forwarded).as("token stripped from the forwarded query")
				.isEqualTo(call.path().replace("/api/dashboard", "") + "?from=2026-01-01");
		}
		else {
			response.expectStatus().isUnauthorized();
		}
	}

	/** A method and path that this rule, and no rule above it, decides. */
	private static Call sampleCall(RouteRule rule) {
		String path = rule.pattern().getPatternString().replace("/**", "/sample");
		List<HttpMethod> candidates = rule.methods().isEmpty()
				? List.of(HttpMethod.DELETE, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.GET)
				: rule.methods().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
		for (HttpMethod method : candidates) {
			if (RouteRules.match(method, PathContainer.parsePath(path)) == rule) {
				return new Call(method, path);
			}
		}
		throw new AssertionError("No request reaches rule " + rule.describe() + "; an earlier rule shadows it");
	}

	private WebTestClient.ResponseSpec call(Call call, String key) {
		WebTestClient.RequestBodySpec request = client.method(call.method()).uri(call.path()).headers(headers -> {
			if (key != null) {
				headers.setBearerAuth(key);
			}
		});
		if (call.method() == HttpMethod.POST || call.method() == HttpMethod.PUT || call.method() == HttpMethod.PATCH) {
			return request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
		}
		return request.exchange();
	}

	record Call(HttpMethod method, String path) {
	}
}
