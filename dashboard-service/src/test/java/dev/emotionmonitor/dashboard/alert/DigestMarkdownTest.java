package dev.emotionmonitor.dashboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.emotionmonitor.dashboard.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel names are chosen by anyone in the chat; the Markdown digest is posted back to the channel, where a name
 * must read as the name, not as a link, emphasis, a table or a heading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class DigestMarkdownTest extends ApiTestSupport {

	private static final String LINK = "[click](http://evil)";

	private static final List<String> CHANNELS = List.of(LINK, "**x**", "a | b | c", "evil\n# 제목\n| x |", "`tick` <b>_u_</b> ~~s~~ !\\");

	/** What CommonMark treats as markup somewhere in a line; escaped, each is shown as itself. */
	private static final String MARKUP = "\\`*_[]()#+-!|<>~&";

	@BeforeAll
	void fourCalmWeeksThenABadOneInALinkNamedChannel() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			String at = "2018-01-" + String.format("%02d", 2 + 7 * w) + "T01:00:00Z";
			for (int m = 1; m <= 5; m++) {
				batch.add(observation("discord", "digest-base-" + w + "-" + m, "discord:180" + m, "멤버" + m, LINK, at,
						m == 5 ? "anxiety" : "joy"));
			}
		}
		for (int c = 0; c < CHANNELS.size(); c++) {
			for (int m = 1; m <= 5; m++) {
				batch.add(observation("discord", "digest-bad-" + c + "-" + m, "discord:180" + m, "멤버" + m, CHANNELS.get(c),
						"2018-01-30T01:00:00Z", m == 1 ? "joy" : "anger"));
			}
		}
		store(batch);
	}

	@Test
	void channelNamesInTheMarkdownDigestAreLiteralText() {
		for (String channel : CHANNELS) {
			String markdown = markdown(channel);
			List<String> headings = markdown.lines().filter(line -> line.startsWith("#")).toList();
			assertThat(headings).as(markdown).hasSize(2);
			assertThat(headings.get(1)).startsWith("### #");
			assertThat(shown(headings.get(1).substring("### #".length()))).isEqualTo(channel.replace('\n', ' '));
			assertThat(markdown).contains("참여 (participation): 5/5명").contains("분노 80%");
		}
		assertThat(markdown(LINK)).contains("### #\\[click\\]\\(http://evil\\)\n");
		assertThat(markdown("a | b | c")).contains("### #a \\| b \\| c\n");

		// the JSON digest keeps the name as it is
		this.client.get().uri(builder -> builder.path("/digest").queryParam("week", "2018-01-31")
			.queryParam("channel", "{channel}").build(LINK))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.channels[0].channel").isEqualTo(LINK);
	}

	@Test
	void alertMessagesQuotingTheChannelAreLiteralText() {
		Map<String, Object> page = this.client.get().uri(builder -> builder.path("/alerts").queryParam("status", "open")
			.queryParam("channel", "{channel}").build(LINK))
			.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		String message = ((List<Map<String, Object>>) page.get("items")).stream()
			.filter(alert -> "team_negative_share".equals(alert.get("rule")))
			.map(alert -> (String) alert.get("message"))
			.findFirst().orElseThrow();
		assertThat(message).contains(LINK);

		List<String> alertLines = markdown(LINK).lines().filter(line -> line.startsWith("- ⚠️ ")).toList();
		assertThat(alertLines).hasSize(1);
		assertThat(shown(alertLines.get(0).substring("- ⚠️ ".length()))).isEqualTo(message);
	}

	private String markdown(String channel) {
		return this.client.get().uri(builder -> builder.path("/digest.md").queryParam("week", "2018-01-31")
			.queryParam("channel", "{channel}").build(channel))
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	/** The text a CommonMark renderer shows for inline Markdown; fails on a character that would start markup. */
	private static String shown(String inline) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < inline.length(); i++) {
			char c = inline.charAt(i);
			if (c == '\\' && i + 1 < inline.length() && MARKUP.indexOf(inline.charAt(i + 1)) >= 0) {
				text.append(inline.charAt(++i));
			}
			else {
				assertThat(MARKUP.indexOf(c)).as("unescaped %s in %s", c, inline).isNegative();
				text.append(c);
			}
		}
		return text.toString();
	}
}
