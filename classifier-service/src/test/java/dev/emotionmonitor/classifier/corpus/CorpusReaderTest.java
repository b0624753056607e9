package dev.emotionmonitor.classifier.corpus;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.emotionmonitor.classifier.support.TinyCorpus;
import dev.emotionmonitor.common.emotion.Emotion;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusReaderTest {

	@TempDir
	Path directory;

	@Test
	void readsTheLabelingJsonWithSelectedFieldsAndPersonaGroups() throws Exception {
		Path file = TinyCorpus.write(directory.resolve("tiny.json"), 4, 1);
		List<LabeledText> hs01 = CorpusReader.read(file, List.of("HS01"));
		List<LabeledText> all = CorpusReader.read(file, CorpusReader.DEFAULT_FIELDS);
		assertThat(hs01).hasSize(24);
		assertThat(all.get(0).text()).startsWith(hs01.get(0).text()).isNotEqualTo(hs01.get(0).text());
		assertThat(all).allMatch(text -> text.group().startsWith("persona:Pers_") && !text.text().contains("그랬군요"));
		assertThat(all.stream().map(LabeledText::label).distinct()).hasSize(6);
	}

	@Test
	void readsTheSourceXlsxByHeaderName() throws Exception {
		Path file = directory.resolve("source.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			XSSFSheet sheet = workbook.createSheet("data");
			String[][] rows = { { "번호", "연령", "성별", "상황키워드", "신체질환", "감정_대분류", "감정_소분류", "사람문장1", "시스템문장1", "사람문장2" },
					{ "1", "청년", "여성", "진로", "해당없음", "불안", "초조한", "면접이 내일이라 떨려", "그렇군요", "잠이 안 와" },
					{ "2", "청년", "여성", "진로", "해당없음", "불안", "걱정스러운", "합격할 수 있을까", "괜찮아요", "" },
					{ "3", "노년", "남성", "건강", "해당없음", "기쁨", "감사하는", "손주가 와서 기뻐", "좋네요", "" },
					{ "4", "노년", "남성", "건강", "해당없음", "모름", "?", "분류가 없는 줄", "", "" } };
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					if (!rows[r][c].isEmpty()) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			workbook.write(out);
		}
		List<LabeledText> texts = CorpusReader.read(file, List.of("HS01", "HS02"));
		assertThat(texts).extracting(LabeledText::text)
			.containsExactly("면접이 내일이라 떨려 잠이 안 와", "합격할 수 있을까", "손주가 와서 기뻐");
		assertThat(texts).extracting(LabeledText::label).containsExactly(Emotion.ANXIETY, Emotion.ANXIETY, Emotion.JOY);
		assertThat(texts.get(0).group()).isEqualTo(texts.get(1).group()).isNotEqualTo(texts.get(2).group());
	}

	@Test
	void refusesFilesThatAreNotCorpora() throws Exception {
		Path notXlsx = Files.writeString(directory.resolve("fake.xlsx"), "not a zip");
		assertThatThrownBy(() -> CorpusReader.read(notXlsx, CorpusReader.DEFAULT_FIELDS))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable xlsx");
		Path object = Files.writeString(directory.resolve("object.json"), "{\"profile\": {}}");
		assertThatThrownBy(() -> CorpusReader.read(object, CorpusReader.DEFAULT_FIELDS))
			.hasMessageContaining("top-level array");
	}
}
