package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds corpus files in the AI Hub shapes for tests and benchmarks: labeling JSON, the source sheet as xlsx, and
 * its CSV export. Writers stream, so the 60,000-dialogue benchmark files never sit in memory.
 */
public final class CorpusFiles {

	public static final List<String> SHEET_HEADER = List.of("", "연령", "성별", "상황키워드", "신체질환", "감정_대분류",
			"감정_소분류", "사람문장1", "시스템문장1", "사람문장2", "시스템문장2", "사람문장3", "시스템문장3");

	private CorpusFiles() {
	}

	/** One dialogue of the labeling JSON; null fields are left out of the file. */
	public record JsonDialogue(String personaId, String talkId, String type, String age, String gender,
			String situation, String disease, String hs01, String ss01, String hs02, String ss02, String hs03,
			String ss03) {

		public static JsonDialogue of(String talkId, String type, String hs01) {
			return new JsonDialogue("Pers_" + talkId, talkId, type, "A02", "G01", "S06", "D02", hs01, "그랬군요.",
					"정말 그런 일이 있었어.", "더 이야기해 주세요.", "", "");
		}
	}

	public static void writeLabelingJson(Path file, Iterable<JsonDialogue> dialogues) throws IOException {
		try (OutputStream out = Files.newOutputStream(file);
				JsonGenerator json = JsonMapper.builder().build().createGenerator(out)) {
			json.writeStartArray();
			for (JsonDialogue d : dialogues) {
				json.writeStartObject();
				json.writeName("profile");
				json.writeStartObject();
				json.writeStringProperty("persona-id", d.personaId());
				json.writeName("persona");
				json.writeStartObject();
				json.writeStringProperty("persona-id", d.personaId());
				json.writeName("human");
				json.writeStartArray();
				json.writeString(d.age());
				json.writeString(d.gender());
				json.writeEndArray();
				json.writeName("computer");
				json.writeStartArray();
				json.writeString("A02");
				json.writeString("G02");
				json.writeEndArray();
				json.writeEndObject();
				json.writeName("emotion");
				json.writeStartObject();
				json.writeStringProperty("emotion-id", d.situation() + "_" + d.disease() + "_" + d.type());
				if (d.type() != null) {
					json.writeStringProperty("type", d.type());
				}
				json.writeName("situation");
				json.writeStartArray();
				json.writeString(d.situation());
				json.writeString(d.disease());
				json.writeEndArray();
				json.writeEndObject();
				json.writeEndObject();
				json.writeName("talk");
				json.writeStartObject();
				json.writeName("id");
				json.writeStartObject();
				json.writeStringProperty("profile-id", "Pro_" + d.personaId());
				if (d.talkId() != null) {
					json.writeStringProperty("talk-id", d.talkId());
				}
				json.writeEndObject();
				json.writeName("content");
				json.writeStartObject();
				property(json, "HS01", d.hs01());
				property(json, "SS01", d.ss01());
				property(json, "HS02", d.hs02());
				property(json, "SS02", d.ss02());
				property(json, "HS03", d.hs03());
				property(json, "SS03", d.ss03());
				json.writeEndObject();
				json.writeEndObject();
				json.writeEndObject();
			}
			json.writeEndArray();
		}
	}

	private static void property(JsonGenerator json, String name, String value) {
		if (value != null) {
			json.writeStringProperty(name, value);
		}
	}

	/** Writes the source sheet; {@code streaming} uses SXSSF (inline strings), else XSSF (shared strings). */
	public static void writeXlsx(Path file, Iterable<List<String>> rows, boolean streaming) throws IOException {
		writeXlsx(file, rows, streaming ? new SXSSFWorkbook(200) : new XSSFWorkbook());
	}

	/** Streams rows out with a shared-strings table, as Excel writes it: large sheets without the whole workbook. */
	public static void writeLargeXlsx(Path file, Iterable<List<String>> rows) throws IOException {
		writeXlsx(file, rows, new SXSSFWorkbook(new XSSFWorkbook(), 200, true, true));
	}

	private static void writeXlsx(Path file, Iterable<List<String>> rows, org.apache.poi.ss.usermodel.Workbook book)
			throws IOException {
		try (var workbook = book;
				OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("감성대화");
			int r = 0;
			for (List<String> values : rows) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < values.size(); c++) {
					if (values.get(c) != null) {
						row.createCell(c).setCellValue(values.get(c));
					}
				}
			}
			workbook.write(out);
		}
	}

	public static void writeCsv(Path file, Iterable<List<String>> rows, Charset charset, boolean bom)
			throws IOException {
		try (Writer out = Files.newBufferedWriter(file, charset)) {
			if (bom) {
				out.write('\uFEFF');
			}
			for (List<String> values : rows) {
				List<String> cells = new ArrayList<>();
				for (String value : values) {
					String v = value == null ? "" : value;
					cells.add(v.contains(",") || v.contains("\"") || v.contains("\n")
							? "\"" + v.replace("\"", "\"\"") + "\"" : v);
				}
				out.write(String.join(",", cells));
				out.write("\r\n");
			}
		}
	}

	/** A sheet row: index, 연령, 성별, 상황키워드, 신체질환, 대분류, 소분류, then person/system sentences. */
	public static List<String> sheetRow(int index, String major, String fine, String hs01, String ss01, String hs02) {
		List<String> row = new ArrayList<>(List.of(String.valueOf(index), "청년", "여성", "진로,취업,직장", "해당없음",
				major, fine));
		row.add(hs01);
		row.add(ss01);
		row.add(hs02);
		row.add("");
		row.add("");
		row.add("");
		return row;
	}
}
