package dev.emotionmonitor.common.caller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 key the gateway signs caller tokens with and the backends verify them with: {@code EMOTION_JWT_SECRET}
 * when set (Compose, Kubernetes secrets), otherwise a random secret kept in {@code <data dir>/jwt-secret}, made by
 * whichever process needs it first and readable by its owner only.
 */
public final class CallerTokenKey {

	static final int MIN_LENGTH = 32;

	private CallerTokenKey() {
	}

	public static SecretKey resolve(String secret, Path file) {
		if (secret != null && !secret.isBlank()) {
			return key(secret.strip(), "EMOTION_JWT_SECRET");
		}
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return key(Files.readString(file, StandardCharsets.UTF_8).strip(), "the secret in " + file.getFileName());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the caller-token secret " + file
					+ "; set EMOTION_JWT_SECRET instead", ex);
		}
	}

	private static SecretKey key(String secret, String source) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_LENGTH) {
			throw new IllegalStateException(source + " must be at least " + MIN_LENGTH + " bytes long for HS256");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	/** Written to a private temporary file first and linked into place, so two services starting together agree. */
	private static void create(Path file) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		Path temporary = Files.createTempFile(directory, ".jwt-secret", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try {
			Files.writeString(temporary, HexFormat.of().formatHex(random), StandardCharsets.UTF_8);
			// a hard link never replaces an existing file: of two services starting together, one wins
			Files.createLink(file, temporary);
		}
		catch (FileAlreadyExistsException ex) {
			// another service made it first: use theirs
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}
}
