package dev.emotionmonitor.gateway.member;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The first admin's key file, and {@code ./emotion member add|list|disable} against the running gateway. */
class FirstAdminAndCliTest extends GatewayTest {

	@LocalServerPort
	int port;

	@Test
	void firstStartWritesAnOwnerOnlyAdminKeyThatWorks() throws Exception {
		Path file = dataDir.resolve("admin-api-key");
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		String key = Files.readString(file).strip();
		assertThat(key).startsWith("emk_");
		client.get()
			.uri("/api/admin/members")
			.headers(h -> h.setBearerAuth(key))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].role")
			.isEqualTo("admin");
	}

	@Test
	void cliAddsListsAndDisablesMembers() {
		Result added = cli("member", "add", "박지은", "--role", "member", "--identity", "discord:812345678901234567");
		assertThat(added.status()).as(added.err()).isZero();
		List<String> lines = added.out().lines().toList();
		String key = lines.get(lines.size() - 1);
		assertThat(key).startsWith("emk_");
		String id = lines.get(0).replaceAll(".* with id (\\S+)\\..*", "$1");

		client.get()
			.uri("/api/session")
			.headers(h -> h.setBearerAuth(key))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.display_name")
			.isEqualTo("박지은")
			.jsonPath("$.identities[0]")
			.isEqualTo("discord:812345678901234567");

		Result listed = cli("list");
		assertThat(listed.status()).isZero();
		assertThat(listed.out()).contains(id).contains("박지은").contains("discord:812345678901234567");

		Result disabled = cli("member", "disable", id);
		assertThat(disabled.status()).as(disabled.err()).isZero();
		client.get().uri("/api/session").headers(h -> h.setBearerAuth(key)).exchange().expectStatus().isUnauthorized();

		Result refused = cli("member", "add", "x", "--role", "owner");
		assertThat(refused.status()).isEqualTo(1);
		assertThat(refused.err()).contains("400").contains("role must be 'admin' or 'member'");
		assertThat(cli("member", "frobnicate").status()).isEqualTo(2);
	}

	@Test
	void cliSaysWhereTheKeyFileShouldBe() {
		Result result = run(Map.of("GATEWAY_URL", "http://127.0.0.1:" + port, "EMOTION_DATA_DIR", "/nonexistent"),
				"list");
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.err()).contains("no admin key at /nonexistent/admin-api-key");
	}

	private Result cli(String... args) {
		return run(Map.of("GATEWAY_URL", "http://127.0.0.1:" + port, "EMOTION_DATA_DIR", dataDir.toString()), args);
	}

	private static Result run(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new MemberCli(env, new PrintStream(out, true, StandardCharsets.UTF_8))
			.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int status, String out, String err) {
	}
}
