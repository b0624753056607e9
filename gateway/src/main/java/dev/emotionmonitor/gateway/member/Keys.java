package dev.emotionmonitor.gateway.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key material. A key is 256 bits from {@link SecureRandom}, so a plain SHA-256 is a sound stored form: nobody can
 * guess a preimage, and lookups by hash stay one index read (a slow password hash is for low-entropy secrets).
 */
public final class Keys {

	private static final SecureRandom random = new SecureRandom();

	private Keys() {
	}

	/** Export tokens start with this, so they alone may travel in a query string. */
	public static final String EXPORT_TOKEN_PREFIX = "emx_";

	/** A new key: {@code emk_} for API keys, {@code emx_} for export tokens, then 43 base64url characters. */
	static String generate(String kind) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String prefix = ApiKey.EXPORT.equals(kind) ? EXPORT_TOKEN_PREFIX : "emk_";
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A short random id for members and keys. */
	static String newId(String prefix) {
		byte[] bytes = new byte[6];
		random.nextBytes(bytes);
		return prefix + HexFormat.of().formatHex(bytes);
	}

	/** Hex SHA-256 of a key, session token or service key. */
	public static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** A new session token for the web sign-in cookie. */
	public static String sessionToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
