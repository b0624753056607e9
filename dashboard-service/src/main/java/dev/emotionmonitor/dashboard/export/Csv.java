package dev.emotionmonitor.dashboard.export;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 text: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled. */
final class Csv {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final StringBuilder text = new StringBuilder();

	Csv(List<String> header) {
		row(header);
	}

	Csv row(List<?> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				this.text.append(',');
			}
			Object field = fields.get(i);
			this.text.append(escape(field == null ? "" : String.valueOf(field)));
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

	static String escape(String field) {
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
			return field;
		}
		return '"' + field.replace("\"", "\"\"") + '"';
	}
}
