package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The configuration tables of the READMEs against what the code reads: every environment variable a service's
 * application.yml, a command-line tool or {@code ./emotion} reads is in a README's Configuration table, and every
 * variable such a table lists is read somewhere. A variable cannot be listed and ignored, or read and unlisted.
 */
class DocumentedConfigurationTest {

	private static final Path ROOT = Path.of(System.getProperty("emotion.root", "..")).toAbsolutePath().normalize();

	/** {@code ${NAME:default}} or {@code ${NAME}} in Spring configuration. */
	private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	/** {@code ${NAME:-default}} in the shell script: an environment variable with a default. */
	private static final Pattern SHELL_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?[-=]");

	/** {@code getenv("NAME")} or {@code env.getOrDefault("NAME", ...)} in Java. */
	private static final Pattern JAVA_ENV = Pattern.compile("(?:getenv|getOrDefault)\\(\"([A-Z][A-Z0-9_]*)\"");

	private static final Pattern BACKTICKED = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`");

	/** A property name in a table row ({@code `emotion.scraper.web.selectors.*`}). */
	private static final Pattern PROPERTY = Pattern.compile("`([a-z][a-z0-9-]*(?:\\.[a-z0-9*-]+)+)`");

	/** Set by the system or read by Spring Boot itself, not by this project's code. */
	private static final Set<String> STANDARD = Set.of("JAVA_HOME", "HOME", "PATH", "TMPDIR", "SPRING_APPLICATION_JSON");

	@Test
	void everyVariableReadIsDocumentedAndEveryDocumentedOneIsRead() throws IOException {
		Map<String, Set<String>> read = new TreeMap<>();
		try (Stream<Path> files = Files.walk(ROOT, 6)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String path = ROOT.relativize(file).toString();
				if (path.contains("/target/") || path.contains("/test/") || path.startsWith(".")) {
					continue;
				}
				if (path.matches("[a-z-]+/src/main/resources/application[^/]*\\.ya?ml")) {
					collect(read, SPRING_PLACEHOLDER, file, path);
				}
				else if (path.matches("[a-z-]+/src/main/java/.*\\.java")) {
					collect(read, JAVA_ENV, file, path);
				}
			}
		}
		collect(read, SHELL_DEFAULT, ROOT.resolve("emotion"), "emotion");
		STANDARD.forEach(read::remove);

		Map<String, Set<String>> documented = new TreeMap<>();
		try (Stream<Path> readmes = Stream.concat(Stream.of(ROOT.resolve("README.md")),
				Files.list(ROOT).map(module -> module.resolve("README.md")))) {
			for (Path readme : readmes.filter(Files::isRegularFile).distinct().toList()) {
				for (String row : configurationRows(readme)) {
					Matcher names = BACKTICKED.matcher(row);
					while (names.find()) {
						String name = names.group(1);
						documented.computeIfAbsent(name, key -> new TreeSet<>()).add(ROOT.relativize(readme).toString());
						relaxedBindingOf(name, row).ifPresent(property -> read
							.computeIfAbsent(name, key -> new TreeSet<>())
							.add("Spring's relaxed binding of " + property));
					}
				}
			}
		}

		STANDARD.forEach(documented::remove);
		Map<String, Set<String>> undocumented = new TreeMap<>(read);
		undocumented.keySet().removeAll(documented.keySet());
		Map<String, Set<String>> unread = new TreeMap<>(documented);
		unread.keySet().removeAll(read.keySet());
		org.assertj.core.api.SoftAssertions.assertSoftly(softly -> {
			softly.assertThat(undocumented).as("read (where) but in no README's Configuration table").isEmpty();
			softly.assertThat(unread).as("in a README's Configuration table (which) but read nowhere").isEmpty();
		});
	}

	/** The row's property that Spring binds {@code variable} to ({@code EMOTION_A_B} to {@code emotion.a.*}), if any. */
	private static java.util.Optional<String> relaxedBindingOf(String variable, String row) {
		Matcher properties = PROPERTY.matcher(row);
		while (properties.find()) {
			String property = properties.group(1);
			String prefix = property.replace("*", "").replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
			if (property.endsWith("*") ? variable.startsWith(prefix) : variable.equals(prefix)) {
				return java.util.Optional.of(property);
			}
		}
		return java.util.Optional.empty();
	}

	private static void collect(Map<String, Set<String>> into, Pattern pattern, Path file, String where)
			throws IOException {
		Matcher names = pattern.matcher(Files.readString(file));
		while (names.find()) {
			into.computeIfAbsent(names.group(1), name -> new TreeSet<>()).add(where);
		}
	}

	/** The table rows of the README's Configuration section (a heading with "Configuration" up to the next heading). */
	private static List<String> configurationRows(Path readme) throws IOException {
		List<String> rows = new java.util.ArrayList<>();
		boolean inSection = false;
		for (String line : Files.readAllLines(readme)) {
			if (line.startsWith("#")) {
				inSection = line.matches("#{2,3} .*(?i:configuration).*");
			}
			else if (inSection && line.startsWith("|")) {
				rows.add(line);
			}
		}
		return rows;
	}
}
