package dev.emotionmonitor.aihub;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The CSV export of the AI Hub source sheet (RFC 4180 quoting, comma or tab separated), read row by row with Jackson
 * CSV. Excel in Korea writes CP949, newer versions UTF-8 with a BOM: the file is checked with a strict UTF-8 decoder
 * first, then a strict CP949 one.
 */
public final class CsvSheetReader implements CorpusReader {

	public static final Charset CP949 = Charset.forName("x-windows-949");

	private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

	@Override
	public void read(Path file, ByteCounter bytes, Consumer<ParsedRecord> sink) throws IOException {
		Charset charset = detectCharset(file);
		bytes.total(Files.size(file));
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				bytes.counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16)), strict(charset)), 1 << 16)) {
			char separator = separator(reader);
			ObjectReader rows = CSV.readerFor(String[].class)
				.with(CsvSchema.emptySchema().withColumnSeparator(separator).withoutEscapeChar());
			SheetRowMapper mapper = new SheetRowMapper(sink);
			long row = 0;
			try (MappingIterator<String[]> cells = rows.readValues(reader)) {
				while (cells.hasNextValue()) {
					mapper.row(++row, Arrays.asList(cells.nextValue()));
				}
			}
			catch (JacksonException ex) {
				// a decoding error surfaces wrapped: the file changed after its encoding was checked, or is cut short
				if (ex.getCause() instanceof IOException io) {
					throw io;
				}
				throw new CorpusFileException("Not a readable CSV file: row " + (row + 1) + " cannot be parsed; "
						+ "save the sheet again as \"CSV UTF-8\"", java.util.Map.of("row", row + 1));
			}
			mapper.finish();
		}
	}

	/** Skips a byte-order mark and returns the first comma or tab of the file (comma when there is neither). */
	private static char separator(BufferedReader reader) throws IOException {
		int limit = 1 << 15;
		reader.mark(limit + 1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		reader.mark(limit);
		char separator = ',';
		for (int i = 0, c; i < limit && (c = reader.read()) >= 0; i++) {
			if (c == ',' || c == '\t') {
				separator = (char) c;
				break;
			}
		}
		reader.reset();
		return separator;
	}

	/** UTF-8 (with or without BOM) or CP949; anything else is refused before a single row is read. */
	public static Charset detectCharset(Path file) throws IOException {
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
}
