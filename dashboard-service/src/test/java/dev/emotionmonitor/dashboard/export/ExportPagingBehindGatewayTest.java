package dev.emotionmonitor.dashboard.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import dev.emotionmonitor.dashboard.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message-level exports called through the gateway, which sends X-Forwarded-Proto/Host/Port/Prefix: the paging
 * {@code Link} names the public URL, and following it walks every row exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class ExportPagingBehindGatewayTest extends ApiTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PUBLIC_BASE = "https://emotion.example.org/api/dashboard";

	/** {@code token} never reaches the service through the gateway; sent directly it must stay in the Link once. */
	private static final String QUERY = "from=2019-05-06&to=2019-05-12&channel=paging-2019&limit=2&token=emx_abc";

	private static final Pattern NEXT = Pattern.compile("<(" + Pattern.quote(PUBLIC_BASE) + "(/exports/[^>]+))>; rel=\"next\"");

	@BeforeAll
	void sevenObservationsSomeAtTheSameInstant() {
		String[] ats = { "2019-05-07T01:00:00Z", "2019-05-07T01:00:00Z", "2019-05-07T01:00:00Z", "2019-05-08T02:00:00Z",
				"2019-05-08T02:00:00Z", "2019-05-09T03:00:00Z", "2019-05-10T04:00:00Z" };
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < ats.length; i++) {
			batch.add(observation("discord", "paging-" + i, "discord:190" + i, "멤버" + i, "paging-2019", ats[i], "joy"));
		}
		store(batch);
	}

	@Test
	void jsonPagesLinkToThePublicUrlAndCoverEveryRowOnce() {
		List<String> paged = new ArrayList<>();
		for (EntityExchangeResult<byte[]> page : walk("/exports/observations.json?" + QUERY)) {
			Map<String, Object> meta = (Map<String, Object>) json(page.getResponseBody()).get("meta");
			assertThat(meta).containsKey("next_cursor");
			assertThat(meta.get("next_cursor")).isEqualTo(page.getResponseHeaders().getFirst("X-Next-Cursor"));
			paged.addAll(jsonIds(page.getResponseBody()));
		}
		assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(allIds());
	}

	@Test
	void csvPagesLinkToThePublicUrlAndCoverEveryRowOnce() {
		List<String> paged = new ArrayList<>();
		for (EntityExchangeResult<byte[]> page : walk("/exports/observations.csv?" + QUERY)) {
			List<List<String>> rows = Rfc4180.parse(new String(page.getResponseBody(), StandardCharsets.UTF_8));
			int column = rows.get(0).indexOf("message_id");
			rows.subList(1, rows.size()).forEach(row -> paged.add(row.get(column)));
		}
		assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(allIds());
	}

	@Test
	void exportsWithoutANextPageSayNextCursorNull() {
		byte[] weekly = viaGateway("/exports/weekly.json?from=2019-05-06&to=2019-05-12&channel=paging-2019").getResponseBody();
		assertThat((Map<String, Object>) json(weekly).get("meta")).containsEntry("next_cursor", null);
	}

	/** The seven rows in one unpaged answer, in export order. */
	private List<String> allIds() {
		List<String> all = jsonIds(this.client.get().uri("/exports/observations.json?" + QUERY.replace("limit=2", "limit=100"))
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
		assertThat(all).hasSize(7);
		return all;
	}

	/**
	 * Follows rel="next" from {@code first} as a client of the gateway does (the gateway takes the prefix off) and
	 * checks each Link: the public URL of the same export, every query parameter once, {@code after} the next cursor.
	 */
	private List<EntityExchangeResult<byte[]>> walk(String first) {
		List<EntityExchangeResult<byte[]>> pages = new ArrayList<>();
		String uri = first;
		while (uri != null) {
			EntityExchangeResult<byte[]> page = viaGateway(uri);
			pages.add(page);
			String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
			String cursor = page.getResponseHeaders().getFirst("X-Next-Cursor");
			if (link == null) {
				assertThat(cursor).isNull();
				uri = null;
				continue;
			}
			Matcher next = NEXT.matcher(link);
			assertThat(next.matches()).as(link).isTrue();
			assertThat(next.group(1)).startsWith(PUBLIC_BASE + first.substring(0, first.indexOf('?') + 1));
			MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString(next.group(1)).build().getQueryParams();
			assertThat(query.keySet()).containsExactly("from", "to", "channel", "limit", "token", "after");
			query.forEach((name, values) -> assertThat(values).as(name).hasSize(1));
			assertThat(query.getFirst("after")).isEqualTo(cursor);
			assertThat(query.getFirst("token")).isEqualTo("emx_abc");
			uri = next.group(2);
		}
		assertThat(pages).hasSize(4);
		return pages;
	}

	private EntityExchangeResult<byte[]> viaGateway(String uri) {
		return this.client.get().uri(uri)
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "emotion.example.org")
			.header("X-Forwarded-Port", "443")
			.header("X-Forwarded-Prefix", "/api/dashboard")
			.exchange()
			.expectStatus().isOk()
			.expectBody().returnResult();
	}

	private static List<String> jsonIds(byte[] body) {
		List<Map<String, Object>> data = (List<Map<String, Object>>) json(body).get("data");
		return data.stream().map(row -> (String) row.get("message_id")).toList();
	}

	private static Map<String, Object> json(byte[] body) {
		return JSON.readValue(body, Map.class);
	}
}
