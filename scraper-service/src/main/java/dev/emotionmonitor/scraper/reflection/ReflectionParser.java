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

	private static final Pattern LEADING_DECORATION = Pattern
		.compile("^(?:[\\s\\p{Punct}\\p{S}\\p{Pd}\\p{Ps}\\p{Pi}\\p{Pf}\\p{Cf}\\p{Mn}\\p{Me}\\p{No}·•‣◦▪▫■□●○◆◇▶►➤➜→]"
				+ "|\\d{1,2}\\s*[.)\\]:.]|\\(\\d{1,2}\\)|\\d(?=\\uFE0F?\\u20E3)|[1-5][Ff](?=[\\s.:)\\]-]))+");

	private static final Pattern SEPARATOR = Pattern.compile("^\\s*(?:\\*\\*|__|[*_]|[:：\\-–—)\\]】>|」』.])+\\s*");

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
		for (CompiledTemplate template : templates) {
			if (onlyTemplate != null && !onlyTemplate.isBlank() && !template.name().equalsIgnoreCase(onlyTemplate)) {
				continue;
			}
			Parsed parsed = template.parse(lines);
			if (parsed.sections().size() >= MIN_SECTIONS && parsed.sections().size() > best.sections().size()) {
				best = parsed;
			}
		}
		return best;
	}

	public List<String> templateNames() {
		return templates.stream().map(CompiledTemplate::name).toList();
	}

	/** What the parser found; {@code template} is null and {@code sections} empty for plain messages. */
	public record Parsed(String template, List<Section> sections) {

		static final Parsed NONE = new Parsed(null, List.of());
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

		Parsed parse(String[] lines) {
			Map<String, StringBuilder> texts = new LinkedHashMap<>();
			Map<String, ScraperProperties.Section> found = new LinkedHashMap<>();
			StringBuilder current = null;
			for (String line : lines) {
				Heading heading = heading(line);
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

		private Heading heading(String line) {
			String stripped = LEADING_DECORATION.matcher(line).replaceFirst("");
			for (Label label : labels) {
				Matcher matcher = label.pattern().matcher(stripped);
				if (!matcher.find()) {
					continue;
				}
				String rest = stripped.substring(matcher.end());
				String afterAlternatives = skipAlternatives(label.section().key(), rest);
				boolean alternativeSkipped = !afterAlternatives.equals(rest);
				Matcher separator = SEPARATOR.matcher(afterAlternatives);
				if (separator.find() && separator.end() > 0 && !afterAlternatives.substring(0, separator.end()).isBlank()) {
					return new Heading(label.section(), skipAlternatives(label.section().key(),
							afterAlternatives.substring(separator.end())));
				}
				if (afterAlternatives.isBlank() || alternativeSkipped) {
					return new Heading(label.section(), afterAlternatives);
				}
			}
			return null;
		}

		/** Skips "(Fact)", "/ 사실" and the like: the same section's other labels written next to the first. */
		private String skipAlternatives(String key, String rest) {
			String remaining = rest;
			boolean progress = true;
			while (progress) {
				progress = false;
				String trimmed = remaining.replaceFirst("^\\s*(?:\\*\\*|__)?\\s*[(（\\[/|]?\\s*", "");
				for (Pattern alternative : alternatives.get(key)) {
					Matcher matcher = alternative.matcher(trimmed);
					if (matcher.find()) {
						remaining = trimmed.substring(matcher.end()).replaceFirst("^\\s*[)）\\]]", "");
						progress = true;
						break;
					}
				}
			}
			return remaining;
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
