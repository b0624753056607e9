package dev.emotionmonitor.dashboard.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.emotionmonitor.common.problem.Problems;

/** Where a message-level export page ended: the last row's time and id, as an opaque URL-safe token. */
record ExportCursor(Instant at, String id) {

	String encode() {
		String raw = this.at.toEpochMilli() + "~" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static ExportCursor decode(String token) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
			int tilde = raw.indexOf('~');
			return new ExportCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, tilde))), raw.substring(tilde + 1));
		}
		catch (RuntimeException ex) {
			throw Problems.badRequest("after \"" + token + "\" is not a cursor of this export; pass the next_cursor "
					+ "of the previous page (or follow its Link: rel=\"next\").");
		}
	}
}
