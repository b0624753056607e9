package dev.emotionmonitor.scraper.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person wrote in a chat message, without what a machine added: the one normaliser every source (web page,
 * Discord API, DiscordChatExporter) runs on a message's raw content before it is parsed into sections and classified.
 *
 * <ul>
 * <li>unicode emoji stay as the character; custom emoji {@code <:blobsad:123>} become {@code :blobsad:};</li>
 * <li>mentions {@code <@id>}, {@code <@&id>}, {@code <#id>} become {@code @display name}, {@code @role},
 * {@code #channel} from the message's mention lists, {@code @unknown} / {@code #unknown} when not resolvable;</li>
 * <li>Discord timestamps {@code <t:1700000000:R>} become readable Asia/Seoul time ({@code 2023-11-15 07:13});</li>
 * <li>markdown markers go, the words stay: bold, italics, underline, strike-through, headers, list bullets, masked
 * links ({@code [text](url)} → text), spoilers ({@code ||x||} → x);</li>
 * <li>code blocks, inline code and quoted lines ({@code > }, and everything after {@code >>> }) are left out: a pasted
 * stack trace or another message's words are not the writer's feeling.</li>
 * </ul>
 * Emoticons survive: {@code ㅠㅠ}, {@code ㅋㅋ}, {@code :)}, {@code ^_^}, {@code T_T} and {@code -_-} are not
 * mistaken for italics (an underscore opens italics only after a space or at the start of a line). Every pattern here
 * is a flat scan or a lazy match without repeated alternation groups, so a long message costs linear time and no deep
 * recursion (see the reflection parser's note on walls of decoration).
 */
public final class MessageText {

	/** The time zone timestamps are written in: the team's (Korean) local time. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE);

	private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZONE);

	/** A closed fenced code block; an unclosed fence is literal text, as Discord shows it. */
	private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```", Pattern.DOTALL);

	private static final Pattern INLINE_CODE = Pattern.compile("``[^\\n]+?``|`[^`\\n]+`");

	private static final Pattern ESCAPED = Pattern.compile("\\\\([*_~|`>#\\-\\[\\]()\\\\:<])");

	/** Discord's angle-bracket tokens: mentions, custom emoji, timestamps, slash commands, unfurl-suppressed links. */
	private static final Pattern TOKEN = Pattern.compile("<(@!?|@&|#)(\\d{1,20})>|<(a?):(\\w{1,64}):(\\d{1,20})>"
			+ "|<t:(-?\\d{1,13})(?::([tTdDfFR]))?>|</([^:<>\\n]{1,100}):\\d{1,20}>|<(https?://[^\\s<>]+)>");

	private static final Pattern MASKED_LINK = Pattern.compile("\\[([^\\[\\]\\n]{1,500})\\]\\(\\s*<?(https?://[^\\s)>]+)>?(?:\\s+\"[^\"\\n]*\")?\\s*\\)");

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>]+");

	private static final Pattern HEADER = Pattern.compile("^(?:#{1,3}|-#)[ \\t]+");

	private static final Pattern BULLET = Pattern.compile("^([ \\t]*)[-*][ \\t]+");

	private static final Pattern[] PAIRED = {
			// bold and underline first, then their single-character forms
			Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*"), Pattern.compile("__(?=\\S)(.+?)(?<=\\S)__"),
			Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~"), Pattern.compile("\\|\\|(.+?)\\|\\|"),
			// *x*: not inside a word ("5*3*2"); *^^* (an emoticon) keeps its ^^
			Pattern.compile("(?<![\\p{L}\\p{N}*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\p{L}\\p{N}*])"),
			// _x_: only after a space or at the start, so ^_^, T_T, ㅠ_ㅠ and -_- stay emoticons
			Pattern.compile("(?<!\\S)_(?=[^\\s_])(.+?)(?<=[^\\s_])_(?![\\p{L}\\p{N}_])") };

	private static final char HOLD_OPEN = '\uE000';

	private static final char HOLD_CLOSE = '\uE001';

	/** Where something was left out: a line holding nothing else is dropped, not kept as a blank line. */
	private static final char REMOVED = '\uE002';

	private static final Pattern HELD = Pattern.compile(HOLD_OPEN + "(\\d+)" + HOLD_CLOSE);

	private MessageText() {
	}

	/** The normalised text of a message with no mention lists (mentions become {@code @unknown}). */
	public static String normalise(String raw) {
		return normalise(raw, Mentions.NONE);
	}

	/**
	 * The words of {@code raw} as the person wrote them; empty when nothing of theirs is left (attachments only, a
	 * code block only, a quote only).
	 */
	public static String normalise(String raw, Mentions mentions) {
		if (raw == null || raw.isBlank()) {
			return "";
		}
		Mentions names = mentions == null ? Mentions.NONE : mentions;
		String text = raw.replace("\r\n", "\n").replace('\r', '\n');
		// characters that must come out literally are held aside so no later step reads them as markup
		List<String> held = new ArrayList<>();
		text = text.replace(String.valueOf(HOLD_OPEN), "")
			.replace(String.valueOf(HOLD_CLOSE), "")
			.replace(String.valueOf(REMOVED), "");
		text = CODE_BLOCK.matcher(text).replaceAll(" " + REMOVED + " ");
		text = INLINE_CODE.matcher(text).replaceAll(" " + REMOVED + " ");
		text = replace(ESCAPED, text, m -> hold(held, m.group(1)));
		text = lines(text);
		text = MASKED_LINK.matcher(text).replaceAll("$1");
		text = replace(TOKEN, text, m -> hold(held, token(m, names)));
		text = replace(URL, text, m -> hold(held, m.group()));
		for (Pattern paired : PAIRED) {
			text = paired.matcher(text).replaceAll("$1");
		}
		text = replace(HELD, text, m -> held.get(Integer.parseInt(m.group(1))));
		return tidy(text);
	}

	/** Drops quoted lines (and everything after {@code >>> }), header and bullet markers. */
	private static String lines(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (String line : text.split("\n", -1)) {
			String trimmed = line.stripLeading();
			if (trimmed.startsWith(">>> ") || trimmed.equals(">>>")) {
				break;
			}
			if (trimmed.startsWith("> ") || trimmed.equals(">")) {
				continue;
			}
			String kept = HEADER.matcher(trimmed).replaceFirst("");
			kept = BULLET.matcher(kept).replaceFirst("$1");
			out.append(kept).append('\n');
		}
		return out.toString();
	}

	private static String token(Matcher m, Mentions names) {
		if (m.group(1) != null) {
			String id = m.group(2);
			return switch (m.group(1)) {
				case "#" -> "#" + orUnknown(names.channels().get(id));
				case "@&" -> "@" + orUnknown(names.roles().get(id));
				default -> "@" + orUnknown(names.users().get(id));
			};
		}
		if (m.group(4) != null) {
			return ":" + m.group(4) + ":";
		}
		if (m.group(6) != null) {
			return time(Long.parseLong(m.group(6)), m.group(7));
		}
		if (m.group(8) != null) {
			return "/" + m.group(8);
		}
		return m.group(9);
	}

	/** A Discord timestamp as absolute Seoul time; relative ones ("3 days ago") are written as their date and time. */
	static String time(long epochSeconds, String style) {
		Instant at = Instant.ofEpochSecond(epochSeconds);
		if (style == null) {
			return DATE_TIME.format(at);
		}
		return switch (style) {
			case "t" -> TIME.format(at);
			case "T" -> TIME_SECONDS.format(at);
			case "d", "D" -> DATE.format(at);
			default -> DATE_TIME.format(at);
		};
	}

	private static String orUnknown(String name) {
		return name == null || name.isBlank() ? "unknown" : name;
	}

	private static String hold(List<String> held, String value) {
		held.add(value);
		return HOLD_OPEN + Integer.toString(held.size() - 1) + HOLD_CLOSE;
	}

	private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		do {
			matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
		}
		while (matcher.find());
		matcher.appendTail(out);
		return out.toString();
	}

	/** Single spaces inside lines, no trailing spaces, at most one blank line in a row, nothing around the text. */
	private static String tidy(String text) {
		StringBuilder out = new StringBuilder(text.length());
		int blank = 0;
		for (String line : text.split("\n", -1)) {
			boolean removed = line.indexOf(REMOVED) >= 0;
			String kept = line.replace(String.valueOf(REMOVED), "").replaceAll("[ \\t\\u00a0]{2,}", " ").strip();
			if (kept.isEmpty() && removed) {
				continue;
			}
			if (kept.isEmpty()) {
				blank++;
				continue;
			}
			if (!out.isEmpty()) {
				out.append(blank > 0 ? "\n\n" : "\n");
			}
			out.append(kept);
			blank = 0;
		}
		return out.toString();
	}

	/**
	 * The names to write for mentions, by id: users (display name), roles and channels (name). Missing entries become
	 * {@code @unknown} / {@code #unknown}.
	 */
	public record Mentions(Map<String, String> users, Map<String, String> roles, Map<String, String> channels) {

		public static final Mentions NONE = new Mentions(Map.of(), Map.of(), Map.of());

		public Mentions {
			users = users == null ? Map.of() : users;
			roles = roles == null ? Map.of() : roles;
			channels = channels == null ? Map.of() : channels;
		}
	}
}
