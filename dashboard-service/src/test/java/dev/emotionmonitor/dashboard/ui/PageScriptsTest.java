package dev.emotionmonitor.dashboard.ui;

import java.util.regex.Pattern;

import dev.emotionmonitor.dashboard.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The page runs under {@code script-src 'self'}: no inline script, and the trailing-slash redirect is the server's. */
class PageScriptsTest extends ApiTestSupport {

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>");

	@Test
	void thePageHasNoInlineScriptAndTheServerAddsTheTrailingSlash() {
		String page = this.client.get().uri("/ui/").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(page).contains("<script src=");
		assertThat(INLINE_SCRIPT.matcher(page).find()).as("an inline <script> in the page").isFalse();
		assertThat(page).doesNotContainPattern("\\son[a-z]+=\"");

		this.client.get().uri("/ui?api=/x").exchange().expectStatus().isFound()
			.expectHeader().valueEquals("Location", "ui/?api=/x");
	}
}
