package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;
import dev.emotionmonitor.aihub.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.aihub.ParsedRecord.RejectedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three readers on small files of each shape, good and broken, without the service around them. */
class CorpusReadersTest {

	@TempDir
	Path dir;

	@Test
	void labelingJsonYieldsDialoguesWithProfileAndSkipsBadRecordsWithTheirReason() throws IOException {
		Path file = this.dir.resolve("labels.json");
		CorpusFiles.writeLabelingJson(file, List.of(
				new JsonDialogue("P1", "Pro_1_1", "E18", "A02", "G01", "S06", "D02", "상사가 또 내 탓을 했어.", "속상하셨겠어요.",
						"매번 이런 식이야.", "어떻게 하고 싶으세요?", "", ""),
				JsonDialogue.of("Pro_1_2", "E77", "코드가 이상한 대화"), JsonDialogue.of("Pro_1_3", "E60", "  "),
				JsonDialogue.of("Pro_1_4", null, "코드가 없는 대화")));

		List<ParsedRecord> records = read(new LabelingJsonReader(), file);

		assertThat(records).hasSize(4);
		ParsedDialogue first = (ParsedDialogue) records.get(0);
		assertThat(first.code()).isEqualTo("E18");
		assertThat(first.key()).isEqualTo("t:Pro_1_1");
		assertThat(first.group()).isEqualTo("persona:P1");
		assertThat(first.age()).isEqualTo("A02");
		assertThat(first.gender()).isEqualTo("G01");
		assertThat(first.situation()).containsExactly("S06");
		assertThat(first.disease()).isEqualTo("D02");
		assertThat(first.content()).containsOnlyKeys("HS01", "SS01", "HS02", "SS02")
			.containsEntry("HS01", "상사가 또 내 탓을 했어.");
		assertThat(((RejectedRecord) records.get(1)).reason()).contains("unknown emotion code \"E77\"");
		assertThat(((RejectedRecord) records.get(2)).reason()).contains("no HS01");
		assertThat(((RejectedRecord) records.get(2)).talkId()).isEqualTo("Pro_1_3");
		assertThat(((RejectedRecord) records.get(3)).reason()).contains("no emotion code");
	}

	@Test
	void labelingJsonRecordOfTheWrongShapeIsRejectedAndTheRestStillRead() throws IOException {
		Path file = this.dir.resolve("mixed.json");
		Files.writeString(file, """
				[ {"profile": {"emotion": {"type": "E20"}}, "talk": {"id": {"talk-id": "T1"}, "content": {"HS01": "슬퍼"}}},
				  "just a string",
				  {"dialogue": "no profile here"} ]
				""");

		List<ParsedRecord> records = read(new LabelingJsonReader(), file);

		assertThat(records).hasSize(3);
		assertThat(records.get(0)).isInstanceOf(ParsedDialogue.class);
		assertThat(((RejectedRecord) records.get(1)).reason()).contains("a string, not a dialogue object");
		assertThat(((RejectedRecord) records.get(2)).reason()).contains("\"profile\" and a \"talk\" object");
	}

	@Test
	void malformedJsonIsRefusedWithLineAndDialogueNumber() throws IOException {
		Path file = this.dir.resolve("broken.json");
		Files.writeString(file, """
				[ {"profile": {"emotion": {"type": "E20"}}, "talk": {"content": {"HS01": "하나"}}},
				  {"profile": {"emotion": {"type": "E21"}}, "talk": {"content": {"HS01": "둘" "HS02": "셋"}}} ]
				""");

		assertThatThrownBy(() -> read(new LabelingJsonReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Not valid JSON at line 2")
			.hasMessageContaining("in dialogue 2");
	}

	@Test
	void jsonThatIsNotAnArrayOfDialoguesIsWrongStructure() throws IOException {
		Path file = this.dir.resolve("object.json");
		Files.writeString(file, "{\"profile\": {}}");

		assertThatThrownBy(() -> read(new LabelingJsonReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Wrong structure")
			.hasMessageContaining("top-level array");
	}

	@Test
	void truncatedJsonIsRefused() throws IOException {
		Path file = this.dir.resolve("truncated.json");
		Files.writeString(file, "[{\"profile\": {\"emotion\": {\"type\": \"E20\"}}, \"talk\": {\"content\": {\"HS01\": \"하나\"}}},");

		assertThatThrownBy(() -> read(new LabelingJsonReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Not valid JSON");
	}

	@Test
	void contentAfterTheDialogueArrayIsRefused() throws IOException {
		Path file = this.dir.resolve("trailing.json");
		Files.writeString(file, "[{\"profile\": {\"emotion\": {\"type\": \"E20\"}}, \"talk\": {\"content\": {\"HS01\": \"하나\"}}}]\n[]");

		assertThatThrownBy(() -> read(new LabelingJsonReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Not valid JSON at line 2")
			.hasMessageContaining("after dialogue 1")
			.hasMessageContaining("unexpected content after the closing ]");
	}

	@Test
	void xlsxSheetMapsKoreanNamesToCodesWithinTheirClassIncludingSpacingVariants() throws IOException {
		Path file = this.dir.resolve("source.xlsx");
		CorpusFiles.writeXlsx(file, List.of(CorpusFiles.SHEET_HEADER,
				CorpusFiles.sheetRow(0, "분노", "구역질나는", "냄새 때문에 미치겠어.", "힘드시겠어요.", "계속 나.") ,
				CorpusFiles.sheetRow(1, "상처", "고립된", "아무도 나랑 얘기를 안 해.", "외로우셨겠어요.", null),
				CorpusFiles.sheetRow(2, "당황", "고립된", "회식에서 혼자 앉아 있었어.", "당황하셨겠어요.", null),
				CorpusFiles.sheetRow(3, "상처", "가난한/불우한", "돈이 없어서 서러웠어.", "마음이 아프네요.", null),
				CorpusFiles.sheetRow(4, "기쁨", "날아갈 듯한", "정말 좋았어.", "다행이에요.", null),
				CorpusFiles.sheetRow(5, "놀람", "놀란", "깜짝이야.", "무슨 일이에요?", null),
				CorpusFiles.sheetRow(6, "슬픔", "우울한", "", "무슨 일이에요?", null)), false);

		List<ParsedRecord> records = read(new XlsxSheetReader(), file);

		assertThat(records).hasSize(7);
		assertThat(((ParsedDialogue) records.get(0)).code()).isEqualTo("E17");
		assertThat(((ParsedDialogue) records.get(0)).content()).containsEntry("HS02", "계속 나.");
		assertThat(((ParsedDialogue) records.get(1)).code()).isEqualTo("E43");
		assertThat(((ParsedDialogue) records.get(2)).code()).isEqualTo("E51");
		assertThat(((ParsedDialogue) records.get(3)).code()).isEqualTo("E45");
		assertThat(((ParsedDialogue) records.get(1)).age()).isEqualTo("A02");
		assertThat(((ParsedDialogue) records.get(1)).gender()).isEqualTo("G02");
		assertThat(((ParsedDialogue) records.get(1)).situation()).containsExactly("S06");
		assertThat(((ParsedDialogue) records.get(0)).key()).startsWith("h:");
		RejectedRecord unknownFine = (RejectedRecord) records.get(4);
		assertThat(unknownFine.reason()).contains("unknown fine label \"날아갈 듯한\"");
		assertThat(unknownFine.row()).isEqualTo(6);
		assertThat(((RejectedRecord) records.get(5)).reason()).contains("unknown emotion class \"놀람\"");
		assertThat(((RejectedRecord) records.get(6)).reason()).contains("no 사람문장1");
	}

	@Test
	void sameDialogueGetsTheSameContentKeyOnEveryRead() throws IOException {
		Path file = this.dir.resolve("again.xlsx");
		CorpusFiles.writeXlsx(file, SyntheticCorpus.sheet(20), true);

		List<ParsedRecord> first = read(new XlsxSheetReader(), file);
		List<ParsedRecord> second = read(new XlsxSheetReader(), file);

		assertThat(first).hasSize(20).allMatch(ParsedDialogue.class::isInstance);
		assertThat(first.stream().map(r -> ((ParsedDialogue) r).key()).distinct()).hasSize(20);
		assertThat(first).isEqualTo(second);
	}

	@Test
	void consecutiveRowsOfOnePersonaSituationAndClassFormOneGroup() throws IOException {
		Path file = this.dir.resolve("blocks.xlsx");
		CorpusFiles.writeXlsx(file, List.of(CorpusFiles.SHEET_HEADER,
				CorpusFiles.sheetRow(0, "불안", "초조한", "면접이 내일이라 떨려.", "그렇군요.", null),
				CorpusFiles.sheetRow(1, "불안", "걱정스러운", "합격할 수 있을까.", "괜찮아요.", null),
				CorpusFiles.sheetRow(2, "기쁨", "감사하는", "손주가 와서 기뻐.", "좋네요.", null),
				CorpusFiles.sheetRow(3, "기쁨", "감사하는", "손주가 또 와서 기뻐.", "좋네요.", null)), false);

		List<String> groups = read(new XlsxSheetReader(), file).stream().map(r -> ((ParsedDialogue) r).group()).toList();

		assertThat(groups.get(0)).startsWith("sheet:").isEqualTo(groups.get(1)).isNotEqualTo(groups.get(2));
		assertThat(groups.get(2)).isEqualTo(groups.get(3));
		assertThat(read(new XlsxSheetReader(), file).stream().map(r -> ((ParsedDialogue) r).group()).toList())
			.as("the same names on every read").isEqualTo(groups);
	}

	@Test
	void sheetWithoutTheAiHubHeaderIsWrongStructure() throws IOException {
		Path file = this.dir.resolve("other.xlsx");
		CorpusFiles.writeXlsx(file, List.of(List.of("name", "score"), List.of("kim", "3")), false);

		assertThatThrownBy(() -> read(new XlsxSheetReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Wrong structure")
			.hasMessageContaining("missing 감정_대분류, 감정_소분류, 사람문장1");
	}

	@Test
	void textFileNamedXlsxIsNotAnXlsxWorkbook() throws IOException {
		Path file = this.dir.resolve("fake.xlsx");
		Files.writeString(file, "연령,성별\n청년,여성\n");

		assertThatThrownBy(() -> CorpusFormat.detect("fake.xlsx", file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("not an xlsx workbook");
		assertThatThrownBy(() -> read(new XlsxSheetReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Not an xlsx workbook");
	}

	@Test
	void csvInCp949AsKoreanExcelWritesItImportsLikeUtf8WithBom() throws IOException {
		List<List<String>> rows = List.of(CorpusFiles.SHEET_HEADER,
				CorpusFiles.sheetRow(0, "불안", "스트레스받는", "시험이 내일인데, 하나도 못 했어.", "걱정되시겠어요.", "\"망했다\"는 생각뿐이야."),
				CorpusFiles.sheetRow(1, "기쁨", "신이 난", "드디어 합격했어!\n믿기지가 않아.", "축하해요!", null));
		Path cp949 = this.dir.resolve("sheet-cp949.csv");
		Path utf8 = this.dir.resolve("sheet-utf8.csv");
		CorpusFiles.writeCsv(cp949, rows, CsvSheetReader.CP949, false);
		CorpusFiles.writeCsv(utf8, rows, StandardCharsets.UTF_8, true);

		assertThat(CsvSheetReader.detectCharset(cp949)).isEqualTo(CsvSheetReader.CP949);
		assertThat(CsvSheetReader.detectCharset(utf8)).isEqualTo(StandardCharsets.UTF_8);
		List<ParsedRecord> fromCp949 = read(new CsvSheetReader(), cp949);
		List<ParsedRecord> fromUtf8 = read(new CsvSheetReader(), utf8);

		assertThat(fromCp949).isEqualTo(fromUtf8).hasSize(2);
		ParsedDialogue anxious = (ParsedDialogue) fromCp949.get(0);
		assertThat(anxious.code()).isEqualTo("E32");
		assertThat(anxious.content()).containsEntry("HS01", "시험이 내일인데, 하나도 못 했어.")
			.containsEntry("HS02", "\"망했다\"는 생각뿐이야.");
		assertThat(((ParsedDialogue) fromCp949.get(1)).content()).containsEntry("HS01", "드디어 합격했어!\n믿기지가 않아.");
		assertThat(((ParsedDialogue) fromCp949.get(1)).code()).isEqualTo("E68");
	}

	@Test
	void tabSeparatedCsvWithBlankLinesKeepsTheSheetsRowNumbers() throws IOException {
		Path file = this.dir.resolve("sheet.tsv");
		List<String> row = CorpusFiles.sheetRow(0, "슬픔", "우울한", "비가 와서, 우울해.", "그렇군요.", null);
		Files.writeString(file, String.join("\t", CorpusFiles.SHEET_HEADER) + "\r\n\r\n"
				+ String.join("\t", row.stream().map(cell -> cell == null ? "" : cell).toList()) + "\r\n");

		List<ParsedRecord> records = read(new CsvSheetReader(), file);

		assertThat(records).hasSize(1);
		ParsedDialogue sad = (ParsedDialogue) records.get(0);
		assertThat(sad.row()).as("the blank line is row 2").isEqualTo(3);
		assertThat(sad.code()).isEqualTo("E24");
		assertThat(sad.content()).containsEntry("HS01", "비가 와서, 우울해.").containsEntry("SS01", "그렇군요.");
	}

	@Test
	void csvInNeitherUtf8NorCp949IsRefusedAsWrongEncoding() throws IOException {
		Path file = this.dir.resolve("latin.csv");
		// 0xFF is invalid in UTF-8 and is not a CP949 lead byte
		Files.write(file, new byte[] { 'a', ',', 'b', '\n', (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, '\n' });

		assertThatThrownBy(() -> read(new CsvSheetReader(), file)).isInstanceOf(CorpusFileException.class)
			.hasMessageContaining("Wrong encoding");
	}

	@Test
	void formatIsRecognisedByContentAndName() throws IOException {
		Path json = this.dir.resolve("upload.bin");
		Files.writeString(json, "\uFEFF  [ ]");
		Path xlsx = this.dir.resolve("sheet.xlsx");
		CorpusFiles.writeXlsx(xlsx, List.of(CorpusFiles.SHEET_HEADER), false);
		Path pdf = this.dir.resolve("paper.pdf");
		Files.writeString(pdf, "%PDF-1.7");

		assertThat(CorpusFormat.detect("upload.bin", json)).isEqualTo(CorpusFormat.LABELING_JSON);
		assertThat(CorpusFormat.detect("sheet.xlsx", xlsx)).isEqualTo(CorpusFormat.XLSX);
		assertThat(CorpusFormat.detect("no-extension", xlsx)).isEqualTo(CorpusFormat.XLSX);
		assertThatThrownBy(() -> CorpusFormat.detect("labels.json", xlsx)).hasMessageContaining("zip archive, not JSON");
		assertThatThrownBy(() -> CorpusFormat.detect("paper.pdf", pdf)).hasMessageContaining("Unsupported file");
	}

	private static List<ParsedRecord> read(CorpusReader reader, Path file) throws IOException {
		List<ParsedRecord> records = new ArrayList<>();
		reader.read(file, new ByteCounter(), records::add);
		return records;
	}
}
