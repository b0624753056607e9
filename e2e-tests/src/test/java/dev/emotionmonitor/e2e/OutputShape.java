package dev.emotionmonitor.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether what a command printed has the shape of what its README shows: shape, not volatile values.
 * <p>
 * <b>JSON</b> ({@code json} blocks; several documents in a row compare one by one, and their number must match):
 * <ul>
 * <li>objects have exactly the same keys, recursively (a documented key that is absent and an undocumented key that
 * is answered both fail);</li>
 * <li>arrays compare by their first element when both have one;</li>
 * <li>every value has the documented type (string, number, boolean, null, object, array);</li>
 * <li>literal equality for what is stable: booleans, and strings with no digit and no {@code …} ({@code "label":
 * "anxiety"}, {@code "status": "completed"}, {@code "role": "member"}). Numbers, strings with a digit (ids,
 * timestamps, versions, keys) and strings with {@code …} ({@code "3f0c…"}) compare by type only.</li>
 * </ul>
 * <b>Text</b> ({@code text} blocks, and the output lines of a {@code console} block): the same lines (trailing blank
 * lines and trailing spaces aside), where any word that contains a digit (a number, an id, a timestamp) matches any
 * such word, and {@code …} in the README matches anything.
 */
final class OutputShape {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A word with a digit in it: a count, an id ({@code m-1a2b3c}), a timestamp, a version. */
	private static final Pattern VOLATILE_WORD = Pattern.compile("[\\p{L}\\p{N}_.:/+-]*\\p{N}[\\p{L}\\p{N}_.:/+-]*");

	private OutputShape() {
	}

	/** What differs; empty when the output has the documented shape. */
	static List<String> compare(ReadmeBlocks.Output expected, String actual) {
		return expected.language().equals("json") ? compareJson(expected.text(), actual)
				: compareText(expected.text(), actual);
	}

	static List<String> compareJson(String expected, String actual) {
		List<String> problems = new ArrayList<>();
		List<JsonNode> shown = documents(expected);
		if (shown == null) {
			return List.of("the README's json block is not JSON");
		}
		List<JsonNode> printed = documents(actual);
		if (printed == null) {
			return List.of("printed no JSON: " + abbreviate(actual));
		}
		if (shown.size() != printed.size()) {
			problems.add("printed " + printed.size() + " JSON document(s), the README shows " + shown.size() + ": "
					+ abbreviate(actual));
		}
		for (int i = 0; i < Math.min(shown.size(), printed.size()); i++) {
			compareNode(shown.size() > 1 ? "[doc " + (i + 1) + "]" : "$", shown.get(i), printed.get(i), problems);
		}
		return problems;
	}

	private static List<JsonNode> documents(String text) {
		if (text.isBlank()) {
			return List.of();
		}
		try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
			return values.readAll();
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static void compareNode(String path, JsonNode shown, JsonNode printed, List<String> problems) {
		if (!type(shown).equals(type(printed))) {
			problems.add(path + ": the README shows " + type(shown) + " " + abbreviate(shown.toString()) + ", printed "
					+ type(printed) + " " + abbreviate(printed.toString()));
			return;
		}
		if (shown.isObject()) {
			Set<String> documented = new TreeSet<>(shown.propertyNames());
			Set<String> answered = new TreeSet<>(printed.propertyNames());
			Set<String> absent = new TreeSet<>(documented);
			absent.removeAll(answered);
			Set<String> undocumented = new TreeSet<>(answered);
			undocumented.removeAll(documented);
			if (!absent.isEmpty()) {
				problems.add(path + ": documented but not printed: " + absent);
			}
			if (!undocumented.isEmpty()) {
				problems.add(path + ": printed but not documented: " + undocumented);
			}
			for (Map.Entry<String, JsonNode> entry : shown.properties()) {
				if (printed.has(entry.getKey())) {
					compareNode(path + "." + entry.getKey(), entry.getValue(), printed.get(entry.getKey()), problems);
				}
			}
		}
		else if (shown.isArray()) {
			if (!shown.isEmpty() && !printed.isEmpty()) {
				compareNode(path + "[0]", shown.get(0), printed.get(0), problems);
			}
		}
		else if (shown.isBoolean() && shown.booleanValue() != printed.booleanValue()) {
			problems.add(path + ": the README shows " + shown + ", printed " + printed);
		}
		else if (shown.isString() && stable(shown.stringValue()) && !shown.stringValue().equals(printed.stringValue())) {
			problems.add(path + ": the README shows " + shown + ", printed " + printed);
		}
	}

	private static boolean stable(String value) {
		return !value.contains("…") && value.chars().noneMatch(Character::isDigit);
	}

	private static String type(JsonNode node) {
		if (node.isObject()) {
			return "object";
		}
		if (node.isArray()) {
			return "array";
		}
		if (node.isNumber()) {
			return "number";
		}
		if (node.isString()) {
			return "string";
		}
		if (node.isBoolean()) {
			return "boolean";
		}
		return node.isNull() ? "null" : node.getNodeType().toString();
	}

	static List<String> compareText(String expected, String actual) {
		List<String> shown = lines(expected);
		List<String> printed = lines(actual);
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < Math.max(shown.size(), printed.size()); i++) {
			String want = i < shown.size() ? shown.get(i) : null;
			String got = i < printed.size() ? printed.get(i) : null;
			if (want == null || got == null || !pattern(want).matcher(got).matches()) {
				problems.add("line " + (i + 1) + ": the README shows " + (want == null ? "nothing" : "«" + want + "»")
						+ ", printed " + (got == null ? "nothing" : "«" + got + "»"));
			}
		}
		return problems;
	}

	private static List<String> lines(String text) {
		List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	/** The README's line as a pattern: its words with digits match any such word, {@code …} matches anything. */
	private static Pattern pattern(String line) {
		StringBuilder regex = new StringBuilder();
		String[] parts = line.split("…", -1);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			java.util.regex.Matcher words = VOLATILE_WORD.matcher(parts[i]);
			int at = 0;
			while (words.find()) {
				regex.append(Pattern.quote(parts[i].substring(at, words.start()))).append(VOLATILE_WORD.pattern());
				at = words.end();
			}
			regex.append(Pattern.quote(parts[i].substring(at)));
		}
		return Pattern.compile(regex.toString());
	}

	private static String abbreviate(String text) {
		String flat = text.strip().replace('\n', ' ');
		return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
	}
}
