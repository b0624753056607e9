package dev.emotionmonitor.dashboard.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader: a quoted field may hold commas, doubled quotes, CR and LF; a quote inside an unquoted
 * field, text after a closing quote, a bare CR or LF, an open quote at the end or a last record without CRLF fail.
 */
final class Rfc4180 {

	private Rfc4180() {
	}

	static List<List<String>> parse(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int i = 0;
		while (i < csv.length()) {
			if (csv.charAt(i) == '"') {
				i++;
				while (true) {
					if (i >= csv.length()) {
						throw new IllegalArgumentException("a quoted field is not closed in record " + (rows.size() + 1));
					}
					char c = csv.charAt(i++);
					if (c != '"') {
						field.append(c);
					}
					else if (i < csv.length() && csv.charAt(i) == '"') {
						field.append('"');
						i++;
					}
					else {
						break;
					}
				}
			}
			else {
				while (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
					char c = csv.charAt(i++);
					if (c == '"' || c == '\n') {
						throw new IllegalArgumentException("unquoted field holds " + (c == '"' ? "a quote" : "LF")
								+ " in record " + (rows.size() + 1) + ": " + field + c);
					}
					field.append(c);
				}
			}
			row.add(field.toString());
			field.setLength(0);
			if (i < csv.length() && csv.charAt(i) == ',') {
				i++;
				if (i == csv.length()) {
					throw new IllegalArgumentException("the last record ends with a comma, not CRLF");
				}
			}
			else if (csv.startsWith("\r\n", i)) {
				i += 2;
				rows.add(row);
				row = new ArrayList<>();
			}
			else {
				throw new IllegalArgumentException("expected a comma or CRLF after field " + row.size() + " of record "
						+ (rows.size() + 1) + " at offset " + i);
			}
		}
		return rows;
	}
}
