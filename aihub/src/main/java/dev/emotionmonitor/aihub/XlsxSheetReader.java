package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.InvalidOperationException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an AI Hub source workbook, read with POI's event API ({@code XSSFReader} and
 * {@code XSSFSheetXMLHandler}, SAX over the sheet XML): rows stream through, only the shared-strings table is held in
 * memory.
 */
public final class XlsxSheetReader implements CorpusReader {

	@Override
	public void read(Path file, ByteCounter bytes, Consumer<ParsedRecord> sink) throws IOException {
		OPCPackage workbook = open(file);
		try {
			XSSFReader reader = new XSSFReader(workbook);
			PlainSharedStrings strings = PlainSharedStrings.of(workbook);
			XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new CorpusFileException("The workbook has no sheet");
			}
			try (InputStream sheet = sheets.next()) {
				bytes.total(sheets.getSheetPart().getSize());
				SheetRowMapper rows = new SheetRowMapper(sink);
				XMLReader xml = XMLHelper.newXMLReader();
				xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, new RowCollector(rows),
						new DataFormatter(), false));
				xml.parse(new InputSource(bytes.counting(sheet)));
				rows.finish();
			}
		}
		catch (SAXException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new CorpusFileException("The first sheet of the workbook is not well-formed XML"
					+ (ex instanceof SAXParseException at && at.getLineNumber() > 0
							? " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")" : "")
					+ "; open the workbook in Excel and save it again");
		}
		// POI's messages quote class names and file paths; the caller gets the fix instead
		catch (OpenXML4JException | POIXMLException | ParserConfigurationException ex) {
			throw new CorpusFileException("Not a readable xlsx workbook: a part of it is missing or damaged; "
					+ "open it in Excel and save it again as Excel Workbook (.xlsx)");
		}
		finally {
			workbook.revert();
		}
	}

	private static OPCPackage open(Path file) {
		try {
			return OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (InvalidFormatException | NotOfficeXmlFileException | InvalidOperationException | POIXMLException ex) {
			throw new CorpusFileException("Not an xlsx workbook (a zip archive without an Office Open XML workbook "
					+ "inside); save the AI Hub source sheet as Excel Workbook (.xlsx)");
		}
	}

	/** Collects a row's cells by column letter (empty cells are simply absent in the XML). */
	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final SheetRowMapper rows;

		private final List<String> cells = new ArrayList<>(16);

		RowCollector(SheetRowMapper rows) {
			this.rows = rows;
		}

		@Override
		public void startRow(int rowNum) {
			this.cells.clear();
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? this.cells.size() : column(reference);
			while (this.cells.size() <= column) {
				this.cells.add(null);
			}
			this.cells.set(column, value);
		}

		/** The 0-based column of a reference such as "AB12". */
		private static int column(String reference) {
			int column = 0;
			for (int i = 0; i < reference.length(); i++) {
				char c = reference.charAt(i);
				if (c < 'A' || c > 'Z') {
					break;
				}
				column = column * 26 + (c - 'A' + 1);
			}
			return column - 1;
		}

		@Override
		public void endRow(int rowNum) {
			this.rows.row(rowNum + 1L, this.cells);
		}
	}
}
