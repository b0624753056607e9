package dev.emotionmonitor.dashboard.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.emotionmonitor.dashboard.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Member and channel names come from any chat participant; in the CSV exports (opened in Excel and Google Sheets) a
 * name that starts like a formula must arrive as text. Each CSV is checked cell by cell against the JSON export of the
 * same rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class CsvFormulaInjectionTest extends ApiTestSupport {

	private static final String HYPERLINK = "=HYPERLINK(\"http://evil\",\"x\")";

	private static final List<String> HOSTILE = List.of(HYPERLINK, "+cmd", "@SUM(1)", "-2+3", "\t=tabbed");

	private static final String WEEK = "from=2021-03-01&to=2021-03-07";

	@BeforeAll
	void sixMembersWithFormulaNamesWriteInFiveFormulaChannels() {
		List<String> members = new ArrayList<>(HOSTILE);
		members.add("지민");
		String[] labels = { "joy", "anxiety", "sadness", "anger", "hurt", "embarrassment" };
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int c = 0; c < HOSTILE.size(); c++) {
			for (int m = 0; m < members.size(); m++) {
				batch.add(observation("discord", "csv-injection-" + c + "-" + m, "discord:210" + m, members.get(m),
						HOSTILE.get(c), "2021-03-0" + (2 + c) + "T0" + (m + 1) + ":00:00Z", labels[(c + m) % 6]));
			}
		}
		store(batch);
	}

	@Test
	void observationsCsvNeutralisesFormulaTextAndKeepsNumbers() {
		String raw = csv("/exports/observations.csv?" + WEEK);
		List<List<String>> csv = Rfc4180.parse(raw);
		assertThat(csv.get(0)).containsExactlyElementsOf(ExportController.OBSERVATION_COLUMNS);
		assertThat(csv).hasSize(1 + 30).allMatch(row -> row.size() == ExportController.OBSERVATION_COLUMNS.size());
		assertSameAsJson(csv, json("/exports/observations.json?" + WEEK));

		List<String> formulas = List.of("'" + HYPERLINK, "'+cmd", "'@SUM(1)", "'-2+3");
		assertThat(column(csv, "member_name")).containsAll(formulas).contains("지민");
		assertThat(column(csv, "channel")).containsAll(formulas);
		assertThat(raw).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",");
		for (String emotion : List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy")) {
			assertThat(column(csv, emotion)).containsOnly("0.75", "0.05");
		}
		assertNoCellStartsAFormula(csv);
	}

	@Test
	void weeklyCsvNeutralisesFormulaChannelsAndKeepsNumbers() {
		List<List<String>> csv = Rfc4180.parse(csv("/exports/weekly.csv?" + WEEK));
		assertThat(csv.get(0)).containsExactly("period_start", "channel_id", "channel", "emotion", "n", "mean_score", "emotion_ko",
				"parent_channel_id");
		assertThat(csv).hasSize(1 + 5 * 6);
		assertSameAsJson(csv, json("/exports/weekly.json?" + WEEK));

		assertThat(column(csv, "channel")).containsAll(List.of("'" + HYPERLINK, "'+cmd", "'@SUM(1)", "'-2+3"));
		assertThat(column(csv, "n")).containsOnly("1");
		assertThat(column(csv, "mean_score")).allMatch(score -> score.matches("0\\.[0-9]+"));
		assertNoCellStartsAFormula(csv);
	}

	/** Every cell: a JSON number is the same number (not text), a JSON string the same text, with ' if it starts a formula. */
	private static void assertSameAsJson(List<List<String>> csv, List<Map<String, Object>> json) {
		List<String> header = csv.get(0);
		assertThat(csv).hasSize(json.size() + 1);
		for (int i = 0; i < json.size(); i++) {
			for (int c = 0; c < header.size(); c++) {
				Object value = json.get(i).get(header.get(c));
				String cell = csv.get(i + 1).get(c);
				String where = "row " + (i + 1) + " " + header.get(c);
				if (value instanceof Number number) {
					assertThat(new BigDecimal(cell)).as(where).isEqualByComparingTo(new BigDecimal(number.toString()));
				}
				else {
					String text = value == null ? "" : (String) value;
					assertThat(cell).as(where).isEqualTo(startsAFormula(text) ? "'" + text : text);
				}
			}
		}
	}

	private static void assertNoCellStartsAFormula(List<List<String>> csv) {
		csv.forEach(row -> row.forEach(cell -> assertThat(startsAFormula(cell)).as(cell).isFalse()));
	}

	private static boolean startsAFormula(String text) {
		return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
	}

	private static List<String> column(List<List<String>> csv, String name) {
		int index = csv.get(0).indexOf(name);
		return csv.subList(1, csv.size()).stream().map(row -> row.get(index)).toList();
	}

	private String csv(String uri) {
		return this.client.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
			.getResponseBody();
	}

	private List<Map<String, Object>> json(String uri) {
		Map<String, Object> body = this.client.get().uri(uri).exchange().expectStatus().isOk().expectBody(Map.class)
			.returnResult().getResponseBody();
		return (List<Map<String, Object>>) body.get("data");
	}
}
