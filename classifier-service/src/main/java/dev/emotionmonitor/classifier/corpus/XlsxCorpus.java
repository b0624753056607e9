package dev.emotionmonitor.classifier.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.model.Emotion;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an AI Hub source workbook, streamed with POI's event API. The first non-empty row is the
 * header, columns are found by name (spaces ignored): 감정_대분류 decides the class, 사람문장N / 시스템문장N (or
 * 시스템응답N) are HS0N / SS0N. Sheets carry no persona id, so consecutive rows with the same age, gender,
 * situation, disease and class form one group. Rows whose class is not one of the six Korean names are skipped.
 */
final class XlsxCorpus {

	private XlsxCorpus() {
	}

	static List<LabeledText> read(Path file, List<String> fields) {
		Rows rows = new Rows(fields);
		try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(workbook);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new IllegalArgumentException(file.getFileName() + " has no sheet");
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows,
						new DataFormatter(), false));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (IOException | OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException
				| org.apache.poi.ooxml.POIXMLException | org.apache.poi.openxml4j.exceptions.InvalidOperationException
				| org.apache.poi.UnsupportedFileFormatException ex) {
			throw new IllegalArgumentException(file.getFileName() + " is not a readable xlsx workbook: "
					+ ex.getMessage());
		}
		if (rows.columns == null) {
			throw new IllegalArgumentException(file.getFileName() + " is empty: expected the AI Hub header row");
		}
		return rows.texts;
	}

	private static String normalize(String name) {
		return name == null ? "" : name.replaceAll("\\s+", "");
	}

	private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

		final List<LabeledText> texts = new ArrayList<>();

		private final List<String> fields;

		Map<String, Integer> columns;

		private final Map<Integer, String> cells = new HashMap<>();

		private String blockKey;

		private String blockGroup;

		Rows(List<String> fields) {
			this.fields = fields;
		}

		@Override
		public void startRow(int rowNum) {
			this.cells.clear();
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			if (value != null && !value.isBlank()) {
				this.cells.put((int) new CellReference(reference).getCol(), value.strip());
			}
		}

		@Override
		public void endRow(int rowNum) {
			if (this.cells.isEmpty()) {
				return;
			}
			if (this.columns == null) {
				this.columns = new HashMap<>();
				this.cells.forEach((column, name) -> this.columns.putIfAbsent(normalize(name), column));
				if (!this.columns.containsKey("감정_대분류") || !this.columns.containsKey("사람문장1")) {
					throw new IllegalArgumentException("the first row must be the AI Hub header with 감정_대분류 and "
							+ "사람문장1; found " + this.cells.values());
				}
				return;
			}
			Emotion label;
			try {
				label = Emotion.parse(value("감정_대분류"));
			}
			catch (IllegalArgumentException ex) {
				return;
			}
			StringBuilder text = new StringBuilder();
			for (String field : this.fields) {
				int number = field.charAt(3) - '0';
				String value = field.startsWith("HS") ? value("사람문장" + number)
						: firstNonNull(value("시스템문장" + number), value("시스템응답" + number));
				if (value != null) {
					text.append(text.isEmpty() ? "" : " ").append(value);
				}
			}
			if (text.isEmpty()) {
				return;
			}
			String key = value("연령") + "|" + value("성별") + "|" + value("상황키워드") + "|" + value("신체질환") + "|"
					+ label.id();
			if (!key.equals(this.blockKey)) {
				this.blockKey = key;
				this.blockGroup = "sheet-row-" + (rowNum + 1);
			}
			this.texts.add(new LabeledText(text.toString(), label, this.blockGroup, null));
		}

		private String value(String column) {
			Integer index = this.columns.get(column);
			return index == null ? null : this.cells.get(index);
		}

		private static String firstNonNull(String a, String b) {
			return a != null ? a : b;
		}
	}
}
