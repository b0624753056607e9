package dev.emotionmonitor.corpus.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CSV export of the AI Hub source sheet (RFC 4180 quoting, comma or tab separated). Excel in Korea writes CP949,
 * newer versions UTF-8 with a BOM: the file is checked with a strict UTF-8 decoder first, then a strict CP949 one.
 */
final class CsvSheetReader implements CorpusReader {

	static final Charset CP949 = Charset.forName("x-windows-949");

	@Override
	public void read(Path file, ByteCounter bytes, Consumer<ParsedRecord> sink) throws IOException {
		Charset charset = detectCharset(file);
		bytes.total(Files.size(file));
		try (Reader reader = new BufferedReader(new InputStreamReader(
				bytes.counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16)), strict(charset)), 1 << 16)) {
			SheetRowMapper rows = new SheetRowMapper(sink);
			parse(reader, rows);
			rows.finish();
		}
	}

	/** UTF-8 (with or without BOM) or CP949; anything else is refused before a single row is read. */
	static Charset detectCharset(Path file) throws IOException {
		if (decodesCleanly(file, StandardCharsets.UTF_8)) {
			return StandardCharsets.UTF_8;
		}
		if (decodesCleanly(file, CP949)) {
			return CP949;
		}
		throw new CorpusFileException("Wrong encoding: the CSV is neither UTF-8 nor CP949 (EUC-KR); "
				+ "save the sheet again as \"CSV UTF-8\"");
	}

	private static boolean decodesCleanly(Path file, Charset charset) throws IOException {
		char[] buffer = new char[1 << 14];
		try (Reader reader = new InputStreamReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
				strict(charset))) {
			int n;
			while ((n = reader.read(buffer)) >= 0) {
				for (int i = 0; i < n; i++) {
					if (buffer[i] == 0) {
						throw new CorpusFileException(
								"Not a CSV file: it contains NUL bytes (a binary file, or UTF-16 text; save it as \"CSV UTF-8\")");
					}
				}
			}
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static CharsetDecoder strict(Charset charset) {
		return charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/** RFC 4180: quoted fields may hold separators, quotes ("") and line breaks. */
	private static void parse(Reader reader, SheetRowMapper rows) throws IOException {
		List<String> cells = new ArrayList<>(16);
		StringBuilder cell = new StringBuilder(128);
		char separator = 0;
		boolean quoted = false;
		boolean afterQuote = false;
		boolean first = true;
		long row = 1;
		int c;
		while ((c = reader.read()) >= 0) {
			if (first) {
				first = false;
				if (c == '\uFEFF') {
					continue;
				}
			}
			if (separator == 0) {
				if (c == ',' || c == '\t') {
					separator = (char) c;
				}
			}
			if (quoted) {
				if (c == '"') {
					quoted = false;
					afterQuote = true;
				}
				else {
					cell.append((char) c);
				}
				continue;
			}
			if (c == '"') {
				if (afterQuote) {
					cell.append('"');
					quoted = true;
					afterQuote = false;
				}
				else if (cell.isEmpty()) {
					quoted = true;
				}
				else {
					cell.append('"');
				}
				continue;
			}
			afterQuote = false;
			if (c == separator) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\n') {
				cells.add(trimCarriageReturn(cell));
				cell.setLength(0);
				rows.row(row++, cells);
				cells.clear();
			}
			else {
				cell.append((char) c);
			}
		}
		if (!cell.isEmpty() || !cells.isEmpty()) {
			cells.add(trimCarriageReturn(cell));
			rows.row(row, cells);
		}
	}

	private static String trimCarriageReturn(StringBuilder cell) {
		int length = cell.length();
		if (length > 0 && cell.charAt(length - 1) == '\r') {
			return cell.substring(0, length - 1);
		}
		return cell.toString();
	}
}
