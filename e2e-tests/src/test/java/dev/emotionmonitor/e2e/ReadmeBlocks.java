package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced shell blocks of the READMEs, each with its mark and the output the README shows after it.
 * <ul>
 * <li>A shell block is a fence tagged {@code bash}, {@code sh}, {@code shell} or {@code console} (in a
 * {@code console} block the lines starting with {@code $ } are the commands, the other lines their output).</li>
 * <li>It is run unless the nearest non-blank line above its fence is {@code <!-- doctest: skip — REASON -->}, and
 * REASON must name one of the {@link SkipReason}s: a block that is neither run nor marked with one cannot exist.</li>
 * <li>Its expected output is a {@code json} or {@code text} fence right after it (only blank lines between), or any
 * fence right after it that is marked {@code <!-- doctest: output -->}.</li>
 * </ul>
 */
final class ReadmeBlocks {

	static final Path ROOT = Path.of(System.getProperty("emotion.root", "..")).toAbsolutePath().normalize();

	/** Every README, in the order a reader meets them (the harness runs them in this order on one system). */
	static final List<String> READMES = List.of("README.md", "corpus-service/README.md", "classifier-service/README.md",
			"scraper-service/README.md", "dashboard-service/README.md", "gateway/README.md", "deploy/README.md");

	private static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console");

	private static final Set<String> OUTPUT = Set.of("json", "text");

	private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*)\\s*$");

	private static final Pattern SKIP = Pattern.compile("^\\s*<!--\\s*doctest:\\s*skip\\s*[—–-]+\\s*(.*?)\\s*-->\\s*$");

	private static final Pattern OUTPUT_MARK = Pattern.compile("^\\s*<!--\\s*doctest:\\s*output\\s*-->\\s*$");

	private static final Pattern ANY_MARK = Pattern.compile("<!--\\s*doctest:");

	/** Why a block may be left unrun; the mark's reason must name one (case-insensitive keywords). */
	enum SkipReason {

		DOCKER("Docker / Compose", "docker", "compose"),

		KUBERNETES("kubectl / a cluster", "kubectl", "kubernetes", "cluster"),

		AIHUB_CORPUS("the real AI Hub corpus", "ai hub", "aihub"),

		LONG_RUN("long training, a benchmark or the build itself", "training", "trains", "benchmark", "the build"),

		EXTERNAL_SERVICE("an external service or tool (Discord, Google, Hugging Face)", "discord", "google",
				"hugging face", "external");

		final String description;

		private final List<String> keywords;

		SkipReason(String description, String... keywords) {
			this.description = description;
			this.keywords = List.of(keywords);
		}

		static Optional<SkipReason> of(String reason) {
			String text = reason.toLowerCase(Locale.ROOT);
			for (SkipReason candidate : values()) {
				if (candidate.keywords.stream().anyMatch(text::contains)) {
					return Optional.of(candidate);
				}
			}
			return Optional.empty();
		}
	}

	/** What the README shows a block prints: {@code json} or {@code text}. */
	record Output(int line, String language, String text) {
	}

	/**
	 * @param line the README line of the opening fence (1-based)
	 * @param skip the mark's reason, or null when the block runs
	 * @param expected the output shown after it, or null
	 */
	record Block(String file, int line, String language, String commands, String skip, Output expected) {

		String where() {
			return file + ":" + line;
		}

		Optional<SkipReason> skipReason() {
			return skip == null ? Optional.empty() : SkipReason.of(skip);
		}
	}

	private ReadmeBlocks() {
	}

	static List<Block> of(String file) {
		try {
			return parse(file, Files.readAllLines(ROOT.resolve(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Block> parse(String file, List<String> lines) {
		List<Fence> fences = fences(lines);
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < fences.size(); i++) {
			Fence fence = fences.get(i);
			if (!SHELL.contains(fence.language)) {
				continue;
			}
			String mark = markAbove(lines, fence.open);
			String skip = null;
			if (mark != null) {
				Matcher matcher = SKIP.matcher(mark);
				skip = matcher.matches() ? matcher.group(1) : null;
			}
			String commands = fence.body;
			Output expected = null;
			if (fence.language.equals("console")) {
				StringBuilder run = new StringBuilder();
				StringBuilder shown = new StringBuilder();
				for (String line : fence.body.lines().toList()) {
					if (line.startsWith("$ ")) {
						run.append(line.substring(2)).append('\n');
					}
					else {
						shown.append(line).append('\n');
					}
				}
				commands = run.toString();
				expected = shown.toString().isBlank() ? null : new Output(fence.open + 1, "text", shown.toString());
			}
			if (i + 1 < fences.size()) {
				Fence next = fences.get(i + 1);
				String between = String.join("\n", lines.subList(fence.close + 1, next.open));
				boolean adjacent = between.isBlank();
				boolean marked = !adjacent && OUTPUT_MARK.matcher(between.strip()).matches();
				if ((adjacent && OUTPUT.contains(next.language)) || marked) {
					expected = new Output(next.open + 1, next.language.isEmpty() ? "text" : next.language, next.body);
				}
			}
			blocks.add(new Block(file, fence.open + 1, fence.language, commands, skip, expected));
		}
		return blocks;
	}

	/** The nearest non-blank line above a fence if it is a doctest mark, else null. */
	private static String markAbove(List<String> lines, int fence) {
		for (int i = fence - 1; i >= 0; i--) {
			if (!lines.get(i).isBlank()) {
				return ANY_MARK.matcher(lines.get(i)).find() ? lines.get(i) : null;
			}
		}
		return null;
	}

	private record Fence(int open, int close, String language, String body) {
	}

	private static List<Fence> fences(List<String> lines) {
		List<Fence> fences = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (!open.matches()) {
				continue;
			}
			int close = i + 1;
			while (close < lines.size() && !lines.get(close).strip().equals("```")) {
				close++;
			}
			String body = close > i + 1 ? String.join("\n", lines.subList(i + 1, Math.min(close, lines.size()))) + "\n" : "";
			fences.add(new Fence(i, close, open.group(1).toLowerCase(Locale.ROOT), body));
			i = close;
		}
		return fences;
	}
}
