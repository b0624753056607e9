package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The three shapes the AI Hub corpus comes in, recognised by the file's first bytes and its name. */
public enum CorpusFormat {

	LABELING_JSON("labeling-json"), XLSX("xlsx"), CSV("csv");

	private final String id;

	CorpusFormat(String id) {
		this.id = id;
	}

	public String id() {
		return this.id;
	}

	public CorpusReader reader() {
		return switch (this) {
			case LABELING_JSON -> new LabelingJsonReader();
			case XLSX -> new XlsxSheetReader();
			case CSV -> new CsvSheetReader();
		};
	}

	public static CorpusFormat detect(String fileName, Path file) throws IOException {
		String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
		byte[] head = new byte[64];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		if (n == 0) {
			throw new CorpusFileException("The file \"" + fileName + "\" is empty");
		}
		boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
		boolean ole2 = n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
				&& (head[3] & 0xFF) == 0xE0;
		if (ole2) {
			throw new CorpusFileException("\"" + fileName + "\" is a legacy .xls (or password-protected) workbook; "
					+ "save it as Excel Workbook (.xlsx) without a password");
		}
		if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
			if (!zip) {
				throw new CorpusFileException("\"" + fileName + "\" is not an xlsx workbook (an xlsx file is a zip "
						+ "archive and starts with PK); save the AI Hub source sheet as Excel Workbook (.xlsx)");
			}
			return XLSX;
		}
		if (zip) {
			if (name.endsWith(".json") || name.endsWith(".csv")) {
				throw new CorpusFileException("\"" + fileName + "\" is a zip archive, not " + (name.endsWith(".json")
						? "JSON; unzip the AI Hub download and import the labeling JSON inside" : "a CSV file"));
			}
			return XLSX;
		}
		if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
			return CSV;
		}
		if (name.endsWith(".json") || startsLikeJson(head, n)) {
			return LABELING_JSON;
		}
		throw new CorpusFileException("Unsupported file \"" + fileName + "\": expected the AI Hub labeling JSON (.json), "
				+ "the source spreadsheet (.xlsx) or its CSV export (.csv)");
	}

	private static boolean startsLikeJson(byte[] head, int n) {
		int i = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
		while (i < n && Character.isWhitespace(head[i])) {
			i++;
		}
		return i < n && (head[i] == '[' || head[i] == '{');
	}
}
