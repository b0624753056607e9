package dev.emotionmonitor.common.caller;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTokensTest {

	private final Caller member = new Caller("m-7", "김민지", Role.MEMBER, List.of("discord:123456789012345678"));

	private final ReactiveJwtDecoder classifier = CallerTokens.decoder(TestCallers.KEY, "classifier");

	@Test
	void aTokenMintedForABackendNamesTheCaller() {
		Caller decoded = CallerTokens.caller(classifier.decode(TestCallers.token(member, "classifier", Instant.now(),
				Duration.ofMinutes(5))).block());

		assertThat(decoded).isEqualTo(member);
	}

	@Test
	void expiredForeignMisaddressedUnsignedAndLongLivedTokensAreRefused() {
		String expired = TestCallers.token(member, "classifier", Instant.now().minus(Duration.ofMinutes(10)),
				Duration.ofMinutes(5));
		String foreign = TestCallers.foreignToken(member, "classifier");
		String otherBackend = TestCallers.token(member, "corpus", Instant.now(), Duration.ofMinutes(5));
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String unsigned = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(("{\"iss\":\"emotion-gateway\",\"sub\":\"m-7\",\"aud\":[\"classifier\"],"
						+ "\"role\":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}")
					.getBytes(StandardCharsets.UTF_8))
				+ ".";

		for (String token : List.of(expired, foreign, otherBackend, unsigned)) {
			assertThatThrownBy(() -> classifier.decode(token).block()).as(token).isNotNull();
		}
		assertThatThrownBy(() -> TestCallers.token(member, "classifier", Instant.now(), Duration.ofMinutes(30)))
			.hasMessageContaining("at most");
	}

	@Test
	void theSecretFileIsMadeOnceReadableByItsOwnerOnlyAndSharedByEveryoneWhoReadsIt(@TempDir Path data)
			throws Exception {
		Path file = data.resolve("sub").resolve("jwt-secret");

		SecretKey first = CallerTokenKey.resolve("", file);
		SecretKey second = CallerTokenKey.resolve(null, file);

		assertThat(first.getEncoded()).isEqualTo(second.getEncoded());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var leftovers = Files.list(file.getParent())) {
			assertThat(leftovers).containsExactly(file);
		}
		assertThat(CallerTokenKey.resolve(TestCallers.SECRET, file).getEncoded())
			.isEqualTo(TestCallers.SECRET.getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> CallerTokenKey.resolve("too-short", file)).hasMessageContaining("at least 32");
	}
}
