package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.emotionmonitor.common.caller.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call is authenticated, checked as an attacker would on a system started with {@code ./emotion up}: every route
 * of the five OpenAPI documents for five kinds of caller through the gateway, every backend route called directly
 * with no token and with bad tokens, the addresses the processes listen on and the permissions of the data directory.
 * Runs on the {@link SharedEmotionSystem} after {@link ReadmeCommandsIT}, so the files it checks are those a used
 * system has (uploads, models, keys), not only those of a fresh one.
 */
@ExtendWith(SharedEmotionSystem.Stopper.class)
class SecurityIT {

	private static final List<String> BACKENDS = List.of("corpus", "classifier", "scraper", "dashboard");

	private static final Set<String> SAFE = Set.of("GET", "HEAD");

	static EmotionSystem system;

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static String memberKey;

	static String adminKey;

	static String exportToken;

	/** The member's own id goes into {@code {memberId}}: a member may read their own history, not another's. */
	static String memberId;

	@BeforeAll
	static void up() {
		system = SharedEmotionSystem.get();
		EmotionSystem.Result up = SharedEmotionSystem.upResult();
		assertThat(up.exitCode()).as(up.output()).isZero();
		memberKey = lastLine(system.emotion("member", "add", "보안 점검 멤버", "--role", "member"));
		adminKey = lastLine(system.emotion("member", "add", "security admin", "--role", "admin"));
		HttpResponse<String> members = send("GET", system.gatewayUrl() + "/api/admin/members?size=100", adminKey, null);
		memberId = json.readTree(members.body())
			.path("items")
			.valueStream()
			.filter(member -> member.path("display_name").asString().equals("보안 점검 멤버"))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asString();
		HttpResponse<String> issued = send("POST", system.gatewayUrl() + "/api/admin/keys", adminKey,
				"{\"member_id\": \"" + memberId + "\", \"kind\": \"export\"}");
		assertThat(issued.statusCode()).as(issued.body()).isIn(200, 201);
		exportToken = json.readTree(issued.body()).path("key").asString();
	}

	/** Who may call what through the gateway, as the README's access table says (written here independently). */
	enum Access {

		PUBLIC, MEMBER, EXPORT, ADMIN;

		static Access of(String method, String path) {
			if (path.equals("/api/session")) {
				return method.equals("POST") ? PUBLIC : MEMBER;
			}
			if (path.startsWith("/api/admin/") || path.startsWith("/api/scraper/") || path.startsWith("/fallback")) {
				return ADMIN;
			}
			if (path.startsWith("/api/corpus/")) {
				boolean guarded = path.startsWith("/api/corpus/exports") || path.startsWith("/api/corpus/imports");
				return SAFE.contains(method) && !guarded ? MEMBER : ADMIN;
			}
			if (path.startsWith("/api/classifier/")) {
				boolean classify = method.equals("POST") && (path.equals("/api/classifier/classifications")
						|| path.equals("/api/classifier/classifications/batch"));
				boolean models = SAFE.contains(method) && path.startsWith("/api/classifier/models");
				return classify || models ? MEMBER : ADMIN;
			}
			if (path.startsWith("/api/dashboard/")) {
				if (SAFE.contains(method) && path.startsWith("/api/dashboard/exports/")) {
					return EXPORT;
				}
				boolean memberWrite = method.equals("POST") && path.equals("/api/dashboard/observations");
				return SAFE.contains(method) || memberWrite ? MEMBER : ADMIN;
			}
			if (path.startsWith("/api/")) {
				return ADMIN;
			}
			return PUBLIC;
		}
	}

	record Route(String method, String path) {
	}

	@Test
	void everyDocumentedRouteAnswersEachKindOfCallerAsTheAccessTableSays() {
		List<Route> routes = new ArrayList<>();
		for (String backend : BACKENDS) {
			routes.addAll(routes("/api/" + backend + "/v3/api-docs", "/api/" + backend));
		}
		routes.addAll(routes("/v3/api-docs", ""));
		assertThat(routes).as("routes read from the five OpenAPI documents").hasSizeGreaterThan(60);

		List<String> wrong = new ArrayList<>();
		for (Route route : routes) {
			Access access = Access.of(route.method(), route.path());
			String url = system.gatewayUrl() + concrete(route.path());
			int nobody = send(route.method(), url, null, body(route)).statusCode();
			int badKey = send(route.method(), url, "emk_not-a-key-of-this-system", body(route)).statusCode();
			int member = send(route.method(), url, memberKey, body(route)).statusCode();
			int export = send(route.method(), url, exportToken, body(route)).statusCode();
			int admin = send(route.method(), url, adminKey, body(route)).statusCode();
			boolean open = access == Access.PUBLIC;
			check(wrong, route, "no key", nobody, open ? !denied(nobody) : nobody == 401);
			check(wrong, route, "bad key", badKey, open ? !denied(badKey) : badKey == 401);
			check(wrong, route, "member", member, access == Access.ADMIN ? member == 403 : !denied(member));
			check(wrong, route, "export token", export,
					access == Access.EXPORT || open ? !denied(export) : export == 403);
			check(wrong, route, "admin", admin, !denied(admin));
		}
		System.out.printf("%d routes x 5 callers checked through the gateway%n", routes.size());
		assertThat(wrong).as("routes whose answer breaks the access table").isEmpty();
	}

	@Test
	void onlyAdminsSeeABackendsHealthDetails() {
		for (String backend : BACKENDS) {
			String url = system.gatewayUrl() + "/api/" + backend + "/actuator/health";
			JsonNode asAdmin = json.readTree(send("GET", url, adminKey, null).body());
			assertThat(asAdmin.path("components").has("mongo")).as(backend + ": details for admins").isTrue();
		}
		// the backends whose reads the access table opens to members
		for (String backend : List.of("corpus", "dashboard")) {
			HttpResponse<String> asMember = send("GET", system.gatewayUrl() + "/api/" + backend + "/actuator/health",
					memberKey, null);
			assertThat(asMember.statusCode()).isEqualTo(200);
			assertThat(json.readTree(asMember.body()).path("status").asString()).isEqualTo("UP");
			assertThat(json.readTree(asMember.body()).has("components"))
				.as(backend + ": no paths or disk sizes for members").isFalse();
		}
	}

	@Test
	void noBackendAnswersADirectCallWithoutAValidCallerToken() {
		Caller admin = new Caller("m-attacker", "attacker", dev.emotionmonitor.common.caller.Role.ADMIN, List.of());
		List<String> wrong = new ArrayList<>();
		int checked = 0;
		for (String backend : BACKENDS) {
			String direct = system.directUrl(backend);
			String expired = system.callerToken(admin, backend, Instant.now().minus(Duration.ofMinutes(20)),
					Duration.ofMinutes(5));
			String otherBackend = system.callerToken(admin, backend.equals("corpus") ? "dashboard" : "corpus",
					Instant.now(), Duration.ofMinutes(5));
			String foreign = dev.emotionmonitor.common.test.TestCallers.foreignToken(admin, backend);
			String unsigned = unsigned(backend);
			for (Route route : routes("/api/" + backend + "/v3/api-docs", "")) {
				if (route.path().startsWith("/actuator/health")) {
					continue;
				}
				String url = direct + concrete(route.path());
				for (Map.Entry<String, String> token : Map.of("no token", "", "expired", expired, "another backend's",
						otherBackend, "signed by another key", foreign, "alg none", unsigned).entrySet()) {
					int status = send(route.method(), url, token.getValue().isEmpty() ? null : token.getValue(),
							body(route)).statusCode();
					checked++;
					if (status != 401) {
						wrong.add(route + " with " + token.getKey() + ": " + status);
					}
				}
			}
			// (the rest of the actuator is on the loopback management port, which answers without a token)
			HttpResponse<String> valid = send("GET", direct + "/v3/api-docs",
					system.callerToken(Caller.SERVICE, backend, Instant.now(), Duration.ofMinutes(5)), null);
			assertThat(valid.statusCode()).as("a valid token is accepted by " + backend).isEqualTo(200);
			HttpResponse<String> health = send("GET", direct + "/actuator/health", null, null);
			assertThat(health.statusCode()).as("probes stay open").isEqualTo(200);
			assertThat(json.readTree(health.body()).has("components")).as("no details without a token").isFalse();
		}
		System.out.printf("%d direct backend calls with no or bad tokens checked%n", checked);
		assertThat(wrong).isEmpty();
	}

	@Test
	void everyProcessListensOnLoopbackOnly() throws IOException {
		Map<Long, String> listening = new java.util.HashMap<>();
		for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(file));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.strip().split("\\s+");
				if (fields[3].equals("0A")) {
					listening.put(Long.parseLong(fields[9]), fields[1]);
				}
			}
		}
		for (String service : EmotionSystem.SERVICES) {
			List<String> addresses = new ArrayList<>();
			try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(system.pidOf(service)), "fd"))) {
				for (Path fd : fds.toList()) {
					String target;
					try {
						target = Files.readSymbolicLink(fd).toString();
					}
					catch (IOException ex) {
						continue;
					}
					if (target.startsWith("socket:[")) {
						String address = listening.get(Long.parseLong(target.substring(8, target.length() - 1)));
						if (address != null) {
							addresses.add(address);
						}
					}
				}
			}
			assertThat(addresses).as(service + " listens (its port and its embedded store)").hasSizeGreaterThanOrEqualTo(2);
			assertThat(addresses).as(service + " listening addresses (hex, as /proc/net/tcp writes them)")
				.allMatch(SecurityIT::loopback);
		}
	}

	@Test
	void theDataDirectoryIsReadableByItsOwnerOnly() throws IOException {
		Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_EXECUTE);
		List<String> open = new ArrayList<>();
		try (Stream<Path> files = Files.walk(system.dataDirectory())) {
			for (Path file : files.toList()) {
				Set<PosixFilePermission> permissions = new HashSet<>(
						Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
				permissions.retainAll(others);
				if (!permissions.isEmpty() && !file.equals(system.dataDirectory())) {
					open.add(system.dataDirectory().relativize(file) + " " + permissions);
				}
			}
		}
		assertThat(open).isEmpty();
		assertThat(Files.exists(system.dataDirectory().resolve("jwt-secret"))).isTrue();
	}

	/** 127.0.0.1 or ::1 (also ::ffff:127.0.0.1) in /proc/net/tcp's hex notation. */
	private static boolean loopback(String hexAddress) {
		String host = hexAddress.substring(0, hexAddress.indexOf(':'));
		return host.equals("0100007F") || host.equals("00000000000000000000000001000000")
				|| host.equals("0000000000000000FFFF00000100007F");
	}

	private static void check(List<String> wrong, Route route, String caller, int status, boolean expected) {
		if (!expected) {
			wrong.add(route.method() + " " + route.path() + " as " + caller + ": " + status + " (access "
					+ Access.of(route.method(), route.path()) + ")");
		}
	}

	private static boolean denied(int status) {
		return status == 401 || status == 403;
	}

	private static List<Route> routes(String document, String prefix) {
		HttpResponse<String> response = send("GET", system.gatewayUrl() + document, adminKey, null);
		assertThat(response.statusCode()).as(document + ": " + response.body()).isEqualTo(200);
		List<Route> routes = new ArrayList<>();
		JsonNode paths = json.readTree(response.body()).path("paths");
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
					routes.add(new Route(method.toUpperCase(Locale.ROOT), prefix + path));
				}
			}
		}
		return routes;
	}

	/**
	 * Path variables get a value no resource has, so admins reach the handler and get a 4xx that is not 401/403;
	 * a member id is the test member's own.
	 */
	private static String concrete(String path) {
		return path.replace("{memberId}", memberId).replaceAll("\\{[^}]+}", "no-such-id");
	}

	private static String body(Route route) {
		return SAFE.contains(route.method()) || route.method().equals("DELETE") ? null : "{}";
	}

	private static String unsigned(String backend) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64.encodeToString(("{\"iss\":\"emotion-gateway\",\"sub\":\"m-attacker\",\"aud\":[\"" + backend
				+ "\"],\"role\":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 120) + "}").getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".";
	}

	private static HttpResponse<String> send(String method, String url, String key, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String lastLine(EmotionSystem.Result result) {
		assertThat(result.exitCode()).as(result.output()).isZero();
		List<String> lines = result.output().strip().lines().toList();
		return lines.get(lines.size() - 1).strip();
	}
}
