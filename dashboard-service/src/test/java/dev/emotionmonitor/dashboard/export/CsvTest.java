package dev.emotionmonitor.dashboard.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

	@Test
	void textThatASpreadsheetWouldReadAsAFormulaIsNeutralisedAndNumbersStayNumbers() {
		List<Object> cells = Arrays.asList("=1+1", "+cmd", "-2+3", "@SUM(1)", "\t=1", "\r=1", "-0.25", -0.25, 3L, "a,b",
				"plain", "", null, "'quoted already");
		String csv = new String(new Csv(List.of("h")).row(cells).bytes(false), StandardCharsets.UTF_8);

		assertThat(csv).isEqualTo("h\r\n\"'=1+1\",\"'+cmd\",\"'-2+3\",\"'@SUM(1)\",\"'\t=1\",\"'\r=1\",\"'-0.25\",-0.25,3,"
				+ "\"a,b\",plain,,,'quoted already\r\n");
		assertThat(Rfc4180.parse(csv).get(1)).containsExactly("'=1+1", "'+cmd", "'-2+3", "'@SUM(1)", "'\t=1", "'\r=1",
				"'-0.25", "-0.25", "3", "a,b", "plain", "", "", "'quoted already");
	}
}
