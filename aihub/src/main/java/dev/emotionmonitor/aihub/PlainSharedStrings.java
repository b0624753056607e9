package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The workbook's shared-strings table as plain strings. POI's {@code ReadOnlySharedStringsTable} wraps every lookup in
 * a new {@code XSSFRichTextString}, an XMLBeans object, which made that wrapping the bulk of the sheet's parse time;
 * {@code XSSFSheetXMLHandler} only calls {@code toString()} on what it gets back.
 */
final class PlainSharedStrings extends DefaultHandler implements SharedStrings {

	private final List<String> strings = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private boolean inText;

	private boolean inPhonetic;

	private int count;

	static PlainSharedStrings of(OPCPackage workbook) throws IOException, SAXException, ParserConfigurationException {
		PlainSharedStrings table = new PlainSharedStrings();
		List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
		if (!parts.isEmpty()) {
			try (InputStream in = parts.get(0).getInputStream()) {
				XMLReader xml = XMLHelper.newXMLReader();
				xml.setContentHandler(table);
				xml.parse(new InputSource(in));
			}
		}
		return table;
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes attributes) {
		switch (localName) {
			case "sst" -> {
				String declared = attributes.getValue("count");
				this.count = declared == null ? 0 : Integer.parseInt(declared);
			}
			case "si" -> this.text.setLength(0);
			case "t" -> this.inText = !this.inPhonetic;
			case "rPh" -> this.inPhonetic = true;
			default -> {
			}
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) {
		switch (localName) {
			case "si" -> this.strings.add(this.text.toString());
			case "t" -> this.inText = false;
			case "rPh" -> this.inPhonetic = false;
			default -> {
			}
		}
	}

	@Override
	public void characters(char[] chars, int start, int length) {
		if (this.inText) {
			this.text.append(chars, start, length);
		}
	}

	@Override
	public RichTextString getItemAt(int index) {
		return new PlainText(this.strings.get(index));
	}

	@Override
	public int getCount() {
		return this.count;
	}

	@Override
	public int getUniqueCount() {
		return this.strings.size();
	}

	/** A cell's string without formatting runs; the sheet handler reads nothing but its text. */
	private record PlainText(String text) implements RichTextString {

		@Override
		public String toString() {
			return this.text;
		}

		@Override
		public String getString() {
			return this.text;
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public int numFormattingRuns() {
			return 0;
		}

		@Override
		public int getIndexOfFormattingRun(int index) {
			return 0;
		}

		@Override
		public void applyFont(int startIndex, int endIndex, short fontIndex) {
			throw new UnsupportedOperationException("read-only");
		}

		@Override
		public void applyFont(int startIndex, int endIndex, Font font) {
			throw new UnsupportedOperationException("read-only");
		}

		@Override
		public void applyFont(Font font) {
			throw new UnsupportedOperationException("read-only");
		}

		@Override
		public void clearFormatting() {
			throw new UnsupportedOperationException("read-only");
		}

		@Override
		public void applyFont(short fontIndex) {
			throw new UnsupportedOperationException("read-only");
		}
	}
}
