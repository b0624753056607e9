package dev.emotionmonitor.aihub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Identity of a dialogue that carries no talk id: a hash of its code and texts. */
final class ContentHash {

	private ContentHash() {
	}

	static String of(String code, Map<String, String> content) {
		StringBuilder text = new StringBuilder(code);
		content.forEach((field, value) -> text.append('\u0001').append(field).append('\u0002').append(value));
		return sha256(text.toString(), 16);
	}

	static String sha256(String text, int bytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
