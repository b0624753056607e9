package dev.emotionmonitor.scraper.reflection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.config.ScraperProperties.Template;

import org.springframework.stereotype.Component;

/**
 * Splits a structured reflection (5F, KPT, 4L or any configured template) into its sections. A section starts on a
 * line whose label is followed by a separator (colon, dash, closing bracket or bold marker, another label of the same
 * section in parentheses) or stands alone on its line; bullets, numbers, emoji and markdown around it are ignored.
 * "사실 오늘은…" is therefore prose (사실 also means "actually"), while "사실:" or "**사실**" starts a section.
 */
@Component
public class ReflectionParser {

	/** Fewer recognised sections than this and the message counts as plain text. */
	static final int MIN_SECTIONS = 2;

	/*
	 * Lines are scanned one unit at a time (Matcher.region + lookingAt in a loop) instead of with a repeated group
	 * such as (?:a|b)+: java.util.regex recurses once per repetition of a group with alternatives, so a 2,000-character
	 * divider overflowed the stack. Each scan only moves forward, so a line costs time linear in its length.
	 */

	/** One bullet, number, emoji or markup character in front of a label. */
	private static final Pattern DECORATION = Pattern
		.compile("[\\s\\p{Punct}\\p{S}\\p{Pd}\\p{Ps}\\p{Pi}\\p{Pf}\\p{Cf}\\p{Mn}\\p{Me}\\p{No}·•‣◦▪▫■□●○◆◇▶►➤➜→]"
				+ "|\\d{1,2}\\s*[.)\\]:.]|\\(\\d{1,2}\\)|\\d(?=\\uFE0F?\\u20E3)|[1-5][Ff](?=[\\s.:)\\]-])");

	/** What ends a label: colons, dashes, closing brackets, bold markers, a quote marker. */
	private static final Pattern SEPARATOR = Pattern.compile("\\s*[*_:：\\-–—)\\]】>|」』.]+\\s*");

	/** What may come between a label and the same section's other label: "(", "/", "|", a bold marker. */
	private static final Pattern ALTERNATIVE_OPENER = Pattern.compile("\\s*(?:\\*\\*|__)?\\s*[(（\\[/|]?\\s*");

	private static final Pattern ALTERNATIVE_CLOSER = Pattern.compile("\\s*[)）\\]]");

	private final List<CompiledTemplate> templates;

	public ReflectionParser(ScraperProperties properties) {
		this.templates = properties.templates()
			.entrySet()
			.stream()
			.map(entry -> CompiledTemplate.of(entry.getKey(), entry.getValue()))
			.toList();
	}

	/** The sections found by the template that recognises the most of them; empty when none recognises two. */
	public Parsed parse(String text, String onlyTemplate) {
		Parsed best = Parsed.NONE;
		if (text == null || text.isBlank()) {
			return best;
		}
		String[] lines = text.replace("\r\n", "\n").split("\n", -1);
		int[] starts = new int[lines.length];
		for (int i = 0; i < lines.length; i++) {
			starts[i] = skipDecoration(lines[i]);
		}
		for (CompiledTemplate template : templates) {
			if (onlyTemplate != null && !onlyTemplate.isBlank() && !template.name().equalsIgnoreCase(onlyTemplate)) {
				continue;
			}
			Parsed parsed = template.parse(lines, starts);
			if (parsed.sections().size() >= MIN_SECTIONS && parsed.sections().size() > best.sections().size()) {
				best = parsed;
			}
		}
		return best;
	}

	/** Where the text after the leading bullets, numbers, emoji and markup of a line begins. */
	private static int skipDecoration(String line) {
		Matcher unit = DECORATION.matcher(line);
		int position = 0;
		while (position < line.length() && unit.region(position, line.length()).lookingAt()) {
			position = unit.end();
		}
		return position;
	}

	public List<String> templateNames() {
		return templates.stream().map(CompiledTemplate::name).toList();
	}

	/** What the parser found; {@code template} is null and {@code sections} empty for plain messages. */
	public record Parsed(String template, List<Section> sections) {

		public static final Parsed NONE = new Parsed(null, List.of());
	}

	/** One section: its key and title from the template and its text without the heading. */
	public record Section(String key, String title, String text) {
	}

	private record Label(ScraperProperties.Section section, Pattern pattern) {
	}

	private record CompiledTemplate(String name, List<Label> labels, Map<String, List<Pattern>> alternatives) {

		static CompiledTemplate of(String name, Template template) {
			List<Label> labels = new ArrayList<>();
			Map<String, List<Pattern>> alternatives = new LinkedHashMap<>();
			for (ScraperProperties.Section section : template.sections()) {
				List<Pattern> sectionPatterns = new ArrayList<>();
				for (String label : section.labels()) {
					Pattern pattern = labelPattern(label);
					labels.add(new Label(section, pattern));
					sectionPatterns.add(pattern);
				}
				alternatives.put(section.key(), sectionPatterns);
			}
			// the longest label first, so "Future action" wins over "Future" and "향후 행동" over a shorter one
			labels.sort(Comparator.comparingInt((Label l) -> -l.pattern().pattern().length()));
			return new CompiledTemplate(name, labels, alternatives);
		}

		/** Spaces inside a label are optional ("향후행동"), case is ignored, and a label must end at a non-letter. */
		private static Pattern labelPattern(String label) {
			StringBuilder regex = new StringBuilder("^");
			for (String word : label.trim().split("[\\s-]+")) {
				if (regex.length() > 1) {
					regex.append("[\\s-]*");
				}
				regex.append(Pattern.quote(word));
			}
			regex.append("(?![\\p{L}\\p{N}])");
			return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		}

		/** {@code starts[i]}: where line i's text begins after its decoration. */
		Parsed parse(String[] lines, int[] starts) {
			Map<String, StringBuilder> texts = new LinkedHashMap<>();
			Map<String, ScraperProperties.Section> found = new LinkedHashMap<>();
			StringBuilder current = null;
			for (int i = 0; i < lines.length; i++) {
				String line = lines[i];
				Heading heading = heading(line, starts[i]);
				if (heading != null) {
					found.putIfAbsent(heading.section().key(), heading.section());
					current = texts.computeIfAbsent(heading.section().key(), key -> new StringBuilder());
					append(current, heading.rest());
				}
				else if (current != null) {
					append(current, line);
				}
			}
			List<Section> sections = new ArrayList<>();
			found.forEach((key, section) -> {
				String text = clean(texts.get(key).toString());
				if (!text.isEmpty()) {
					sections.add(new Section(key, section.title(), text));
				}
			});
			return sections.isEmpty() ? Parsed.NONE : new Parsed(name, sections);
		}

		private Heading heading(String line, int start) {
			for (Label label : labels) {
				Matcher matcher = label.pattern().matcher(line).region(start, line.length());
				if (!matcher.lookingAt()) {
					continue;
				}
				String key = label.section().key();
				int afterAlternatives = skipAlternatives(key, line, matcher.end());
				boolean alternativeSkipped = afterAlternatives != matcher.end();
				Matcher separator = SEPARATOR.matcher(line).region(afterAlternatives, line.length());
				if (separator.lookingAt()) {
					return new Heading(label.section(), line.substring(skipAlternatives(key, line, separator.end())));
				}
				if (alternativeSkipped || isBlankFrom(line, afterAlternatives)) {
					return new Heading(label.section(), line.substring(afterAlternatives));
				}
			}
			return null;
		}

		/** Skips "(Fact)", "/ 사실" and the like: the same section's other labels written next to the first. */
		private int skipAlternatives(String key, String line, int from) {
			Matcher opener = ALTERNATIVE_OPENER.matcher(line);
			Matcher closer = ALTERNATIVE_CLOSER.matcher(line);
			int position = from;
			boolean progress = true;
			while (progress) {
				progress = false;
				opener.region(position, line.length()).lookingAt(); // always matches: every part is optional
				for (Pattern alternative : alternatives.get(key)) {
					Matcher matcher = alternative.matcher(line).region(opener.end(), line.length());
					if (matcher.lookingAt()) {
						position = closer.region(matcher.end(), line.length()).lookingAt() ? closer.end()
								: matcher.end();
						progress = true;
						break;
					}
				}
			}
			return position;
		}

		/** {@code line.substring(from).isBlank()} without the copy. */
		private static boolean isBlankFrom(String line, int from) {
			for (int i = from; i < line.length(); i++) {
				if (!Character.isWhitespace(line.charAt(i))) {
					return false;
				}
			}
			return true;
		}

		private static void append(StringBuilder text, String line) {
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(line);
		}

		/** Drops bullets, emphasis markers and blank lines around the text; keeps its words and line breaks. */
		private static String clean(String text) {
			List<String> kept = new ArrayList<>();
			for (String line : text.split("\n")) {
				String cleaned = line.replaceAll("\\*\\*|__", "")
					.replaceFirst("^\\s*(?:[-*•·▪◦‣>]|\\d{1,2}[.)])\\s+", "")
					.strip();
				if (!cleaned.isEmpty()) {
					kept.add(cleaned);
				}
			}
			return String.join("\n", kept);
		}
	}

	private record Heading(ScraperProperties.Section section, String rest) {
	}
}
