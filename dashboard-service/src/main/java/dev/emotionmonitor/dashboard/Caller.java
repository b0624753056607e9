package dev.emotionmonitor.dashboard;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.emotionmonitor.common.problem.Problems;

/**
 * Who is asking, as the gateway says in headers it sets itself. No role header means an internal call, trusted like a
 * service; an unknown role gets no more than a member.
 */
public record Caller(String memberId, String memberName, String role, Set<String> identities) {

	public static final String ID_HEADER = "X-Emotion-Member-Id";

	public static final String NAME_HEADER = "X-Emotion-Member-Name";

	public static final String ROLE_HEADER = "X-Emotion-Member-Role";

	public static final String IDENTITIES_HEADER = "X-Emotion-Member-Identities";

	public static Caller from(HttpHeaders headers) {
		String role = headers.getFirst(ROLE_HEADER);
		String identities = headers.getFirst(IDENTITIES_HEADER);
		Set<String> ids = identities == null ? Set.of()
				: Arrays.stream(identities.split(",")).map(String::trim).filter(s -> !s.isEmpty())
					.collect(Collectors.toUnmodifiableSet());
		return new Caller(headers.getFirst(ID_HEADER), text(headers.getFirst(NAME_HEADER)),
				role == null || role.isBlank() ? null : role.trim().toLowerCase(), ids);
	}

	/**
	 * Header values travel as bytes read as ISO-8859-1: a display name arrives percent-encoded UTF-8 (what the gateway
	 * should send) or as raw UTF-8 bytes; both give back the Korean name.
	 */
	static String text(String value) {
		if (value == null) {
			return null;
		}
		if (value.matches(".*%[0-9A-Fa-f]{2}.*")) {
			try {
				return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return value;
			}
		}
		if (value.chars().allMatch(c -> c < 0x100) && value.chars().anyMatch(c -> c >= 0x80)) {
			byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
			try {
				return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
			}
			catch (CharacterCodingException ex) {
				return value;
			}
		}
		return value;
	}

	/** Admins, services and internal calls see every member's data. */
	public boolean privileged() {
		return this.role == null || "admin".equals(this.role) || "service".equals(this.role);
	}

	/** Whether {@code memberId} is this caller: their gateway id or one of their chat identities. */
	public boolean is(String memberId) {
		return memberId != null && (memberId.equals(this.memberId) || this.identities.contains(memberId));
	}

	public boolean maySee(String memberId) {
		return privileged() || is(memberId);
	}

	public void requireMaySee(String memberId) {
		if (!maySee(memberId)) {
			throw forbidden("A member's own history is visible only to that member and to admins.");
		}
	}

	/** A key that tells callers apart where they see different data (ETags). */
	public String visibilityKey() {
		return privileged() ? "all" : "member:" + this.memberId + ":" + String.join(",", this.identities.stream().sorted().toList());
	}

	public static ErrorResponseException forbidden(String detail) {
		return Problems.of(HttpStatus.FORBIDDEN, detail);
	}
}
