package dev.emotionmonitor.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class ExportApiTest extends ApiTestSupport {

	private static final String CHANNEL = "export-team";

	private static final String WEEK = "from=2023-04-03&to=2023-04-09&channel=" + CHANNEL;

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

	@BeforeAll
	void sixMembersOneWeek() {
		List<Map<String, Object>> batch = new ArrayList<>();
		String[] names = { "Kim, \"Jay\"", "박\n서준", "이도윤", "최하은", "정민", "강지우" };
		String[] labels = { "joy", "anxiety", "joy", "sadness", "joy", "embarrassment" };
		for (int m = 0; m < 6; m++) {
			batch.add(observation("discord", "112233445566778899" + m, "discord:70" + m, names[m], CHANNEL,
					"2023-04-0" + (4 + m % 3) + "T0" + m + ":30:00Z", labels[m]));
		}
		// 23:30 UTC on Sunday 2023-04-09 is Monday 08:30 in Seoul: outside the week
		batch.add(observation("discord", "1122334455667788999", "discord:700", names[0], CHANNEL, "2023-04-09T23:30:00Z", "joy"));
		store(batch);
	}

	@Test
	void observationsCsvIsRfc4180WithIdsAsTextAndALocalDate() {
		EntityExchangeResult<byte[]> result = this.client.get().uri("/exports/observations.csv?" + WEEK).exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
			.expectBody().returnResult();
		byte[] bytes = result.getResponseBody();
		assertThat(bytes[0]).as("no BOM by default").isEqualTo((byte) 's');
		String csv = new String(bytes, StandardCharsets.UTF_8);
		assertThat(csv).startsWith("source,message_id,section,member_id,member_name,channel_id,channel,guild,at,local_date,label,label_ko,"
				+ "anger,sadness,anxiety,hurt,embarrassment,joy,model_version,parent_channel_id\r\n");
		assertThat(csv).contains(",1122334455667788990,").contains("\"Kim, \"\"Jay\"\"\"").contains("\"박\n서준\"")
			.contains(",2023-04-04T00:30:00Z,2023-04-04,joy,기쁨,0.05,0.05,0.05,0.05,0.05,0.75,test-1,\r\n")
			.doesNotContain("1122334455667788999");
		List<List<String>> rows = parseCsv(csv);
		assertThat(rows).hasSize(7);
		assertThat(rows).allMatch(row -> row.size() == 20);
		assertThat(rows.get(1).get(4)).isEqualTo("Kim, \"Jay\"");

		byte[] withBom = this.client.get().uri("/exports/observations.csv?bom=1&" + WEEK).exchange()
			.expectStatus().isOk().expectBody().returnResult().getResponseBody();
		assertThat(new byte[] { withBom[0], withBom[1], withBom[2] }).containsExactly(0xEF, 0xBB, 0xBF);
	}

	@Test
	void messageLevelExportsPageWithCursorsAndLinkHeaders() {
		Set<String> ids = new LinkedHashSet<>();
		String uri = "/exports/observations.json?limit=4&" + WEEK;
		int pages = 0;
		while (uri != null) {
			EntityExchangeResult<Map> page = this.client.get().uri(uri).exchange().expectStatus().isOk()
				.expectBody(Map.class).returnResult();
			Map<String, Object> body = page.getResponseBody();
			List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
			Map<String, Object> meta = (Map<String, Object>) body.get("meta");
			assertThat(meta).containsEntry("from", "2023-04-03").containsEntry("to", "2023-04-09").containsKey("generated_at");
			data.forEach(row -> assertThat(ids.add((String) row.get("message_id"))).as("no row twice").isTrue());
			String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
			if (meta.get("next_cursor") != null) {
				Matcher next = NEXT.matcher(link);
				assertThat(next.find()).isTrue();
				assertThat(next.group(1)).contains("after=" + meta.get("next_cursor")).contains("limit=4");
				uri = next.group(1).replaceFirst("^https?://[^/]+", "");
			}
			else {
				assertThat(link).isNull();
				uri = null;
			}
			pages++;
		}
		assertThat(pages).isEqualTo(2);
		assertThat(ids).hasSize(6).allMatch(id -> id.startsWith("112233445566778899"));

		this.client.get().uri("/exports/observations.json?after=not-a-cursor&" + WEEK).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("next_cursor"));
	}

	@Test
	void aMemberExportsOnlyTheirOwnObservations() {
		this.client.get().uri("/exports/observations.json?" + WEEK)
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-702", null, "discord:702"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].member_id").isEqualTo("discord:702")
			.jsonPath("$.data[0].label_ko").isEqualTo("기쁨");
	}

	@Test
	void weeklyExportIsLongFormPerWeekChannelAndEmotion() {
		String csv = this.client.get().uri("/exports/weekly.csv?" + WEEK).exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(csv.split("\r\n")).containsExactly("period_start,channel_id,channel,emotion,n,mean_score,emotion_ko,parent_channel_id",
				"2023-04-03,export-team,export-team,anger,0,0.05,분노,", "2023-04-03,export-team,export-team,sadness,1,0.1667,슬픔,",
				"2023-04-03,export-team,export-team,anxiety,1,0.1667,불안,", "2023-04-03,export-team,export-team,hurt,0,0.05,상처,",
				"2023-04-03,export-team,export-team,embarrassment,1,0.1667,당황,", "2023-04-03,export-team,export-team,joy,3,0.4,기쁨,");

		this.client.get().uri("/exports/weekly.json?" + WEEK).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(6)
			.jsonPath("$.data[5].emotion").isEqualTo("joy")
			.jsonPath("$.data[5].n").isEqualTo(3)
			.jsonPath("$.meta.from").isEqualTo("2023-04-03")
			.jsonPath("$.meta.zone").isEqualTo("Asia/Seoul");

		// past the row cap (1000 in these tests): refused with what to do
		this.client.get().uri("/exports/weekly.csv?from=2019-01-01&to=2023-12-31").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("cap").contains("Narrow"));
	}

	@Test
	@Order(Integer.MAX_VALUE) // it adds an observation to the week the other tests read
	void exportsAnswer304UntilTheDataChanges() {
		EntityExchangeResult<byte[]> first = this.client.get().uri("/exports/weekly.csv?token=abc&" + WEEK).exchange()
			.expectStatus().isOk()
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("max-age=120").contains("private"))
			.expectBody().returnResult();
		String etag = first.getResponseHeaders().getETag();
		String lastModified = first.getResponseHeaders().getFirst(HttpHeaders.LAST_MODIFIED);
		assertThat(etag).isNotBlank();
		assertThat(lastModified).isNotBlank();

		this.client.get().uri("/exports/weekly.csv?token=other&" + WEEK).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isNotModified()
			.expectBody().isEmpty();
		this.client.get().uri("/exports/weekly.csv?" + WEEK).header(HttpHeaders.IF_MODIFIED_SINCE, lastModified).exchange()
			.expectStatus().isNotModified();
		this.client.get().uri("/exports/weekly.json?" + WEEK).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isOk();

		store(List.of(observation("discord", "export-late", "discord:700", "Kim", CHANNEL, "2023-04-08T01:00:00Z", "hurt")));
		String changed = this.client.get().uri("/exports/weekly.csv?" + WEEK).header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(changed).contains("2023-04-03,export-team,export-team,hurt,1,");
	}

	/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
	private static List<List<String>> parseCsv(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i++;
			}
			else {
				field.append(c);
			}
		}
		return rows;
	}
}
