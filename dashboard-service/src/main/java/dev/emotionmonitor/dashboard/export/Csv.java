package dev.emotionmonitor.dashboard.export;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 text (CRLF line ends; a field is quoted when it holds a comma, quote, CR or LF; quotes doubled) that is safe
 * to open in a spreadsheet. A field is a number cell when it is a {@link Number} and a text cell otherwise. Text cells
 * starting with {@code = + - @}, tab or CR are neutralised by OWASP's rule against formula injection: prefixed with
 * {@code '} and quoted. Number cells are written as they are, so {@code -0.25} stays a number.
 */
final class Csv {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final String FORMULA_TRIGGERS = "=+-@\t\r";

	private final StringBuilder text = new StringBuilder();

	Csv(List<String> header) {
		row(header);
	}

	Csv row(List<?> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				this.text.append(',');
			}
			this.text.append(cell(fields.get(i)));
		}
		this.text.append("\r\n");
		return this;
	}

	byte[] bytes(boolean bom) {
		byte[] body = this.text.toString().getBytes(StandardCharsets.UTF_8);
		if (!bom) {
			return body;
		}
		byte[] withBom = new byte[BOM.length + body.length];
		System.arraycopy(BOM, 0, withBom, 0, BOM.length);
		System.arraycopy(body, 0, withBom, BOM.length, body.length);
		return withBom;
	}

	static String cell(Object field) {
		if (field == null) {
			return "";
		}
		if (field instanceof Number number) {
			return number.toString();
		}
		String value = field.toString();
		if (!value.isEmpty() && FORMULA_TRIGGERS.indexOf(value.charAt(0)) >= 0) {
			return quote("'" + value);
		}
		boolean plain = value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0
				&& value.indexOf('\n') < 0;
		return plain ? value : quote(value);
	}

	private static String quote(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}
}
