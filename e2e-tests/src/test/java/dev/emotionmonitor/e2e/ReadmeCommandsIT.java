package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documentation checked by the build: every fenced shell block of every README is run, as a reader would run it, on
 * one system started by {@code ./emotion up} on free ports with the repository's own data (fresh: this class runs
 * first on the {@link SharedEmotionSystem}), and what it prints is
 * compared with what the README shows after it ({@link OutputShape}: shape, not volatile values).
 * <p>
 * Per README, its runnable blocks run in README order in one bash, so a variable one block sets is there for the
 * next, as in the reader's terminal. The bash starts where a reader stands after the root README's steps:
 * <ul>
 * <li>in a checkout of the repository (a directory of links to this one, {@code ./emotion} copied so it finds its
 * jars there), whose {@code data} is the system's data directory, so {@code cat data/admin-api-key} reads the first
 * admin's key exactly as the README says;</li>
 * <li>with {@code KEY} set to that key (the READMEs' "your key"), and the port variables of the system exported
 * ({@code GATEWAY_PORT}, ..., {@code GATEWAY_URL}) so that {@code ./emotion} and the command-line tools reach it;</li>
 * <li>with the files a reader brings: {@code Training.json} and {@code 감성대화말뭉치(최종데이터)_Training.json} are
 * the starter corpus, {@code 감성대화말뭉치(최종데이터)_Validation.json} the reflection evaluation set (both in the AI
 * Hub labeling-JSON shape), {@code export.json} a DiscordChatExporter export of the channel the scraper README
 * queries ({@link #readersExport()}).</li>
 * </ul>
 * The only rewriting is of hosts and ports: {@code localhost:8080}–{@code 8084} become this system's addresses.
 * <p>
 * A block fails when a command in it exits non-zero (unless the block says it does, {@code # exits 2}), when a
 * {@code curl} in it gets a 4xx/5xx answer that the block does not name (an example that shows a refusal on purpose
 * says so in a comment, {@code # → 403}), when bash cannot
 * parse it, when it runs for more than 150 s, or when its output does not have the shape the README shows. A block that is not run must be marked with a reason
 * ({@link ReadmeBlocks}); {@link ReadmeBlocksTest} checks that without a system.
 * <p>
 * Why this and not Spring REST Docs: the READMEs' commands are shell (curl through the gateway, {@code ./emotion}), and
 * a snippet generated from a WebTestClient test would not catch a shell quoting error or a wrong gateway path.
 */
@ExtendWith(SharedEmotionSystem.Stopper.class)
class ReadmeCommandsIT {

	private static final Pattern LOCAL_PORT = Pattern.compile("localhost:(808[0-4])");

	private static final Map<String, String> SERVICE_OF_PORT = Map.of("8080", "GATEWAY", "8081", "CORPUS", "8082",
			"CLASSIFIER", "8083", "SCRAPER", "8084", "DASHBOARD");

	private static final String MARK = "@@doctest-block ";

	/** Scripts and their output; the system's data directory holds only what the system and the READMEs write. */
	@TempDir
	static Path work;

	static Path dataDirectory;

	static Path checkout;

	static EmotionSystem system;

	static final Map<ReadmeBlocks.SkipReason, Integer> skipped = new EnumMap<>(ReadmeBlocks.SkipReason.class);

	static int run;

	@BeforeAll
	static void up() throws IOException {
		system = SharedEmotionSystem.get();
		EmotionSystem.Result up = SharedEmotionSystem.upResult();
		assertThat(up.exitCode()).as(up.output()).isZero();
		dataDirectory = system.dataDirectory();
		// the gateway writes the first admin's key before it serves: there once ./emotion up says the system is up
		Path adminKey = dataDirectory.resolve("admin-api-key");
		assertThat(adminKey).as("the first admin's key, as soon as ./emotion up is done").exists();
		checkout = readersCheckout();
	}

	@AfterAll
	static void down() throws IOException {
		StringBuilder summary = new StringBuilder("README shell blocks: " + run + " run, "
				+ skipped.values().stream().mapToInt(Integer::intValue).sum() + " skipped");
		skipped.forEach((reason, count) -> summary.append("; ").append(count).append(" need ").append(reason.description));
		System.out.println(summary);
		// the system stays up for SystemEndToEndIT (SharedEmotionSystem stops it at the latest when the run ends)
		if (checkout != null) {
			removeCheckout();
		}
	}

	@TestFactory
	Stream<DynamicTest> everyReadmeCommandRunsAndPrintsWhatTheReadmeShows() {
		return ReadmeBlocks.READMES.stream().map(file -> DynamicTest.dynamicTest(file, () -> runReadme(file)));
	}

	private static void runReadme(String file) throws Exception {
		List<ReadmeBlocks.Block> blocks = new ArrayList<>();
		for (ReadmeBlocks.Block block : ReadmeBlocks.of(file)) {
			if (block.skip() == null) {
				blocks.add(block);
			}
			else {
				skipped.merge(block.skipReason().orElseThrow(() -> new AssertionError(block.where()
						+ ": the skip reason names none of " + List.of(ReadmeBlocks.SkipReason.values()))), 1, Integer::sum);
			}
		}
		run += blocks.size();
		if (blocks.isEmpty()) {
			return;
		}
		Path work = Files.createTempDirectory(ReadmeCommandsIT.work, "readme");
		Path errors = work.resolve("errors");
		Path statuses = work.resolve("statuses");
		Files.createFile(errors);
		Files.createFile(statuses);
		StringBuilder script = new StringBuilder();
		script.append("cd ").append(quote(checkout.toString())).append('\n');
		// every curl's final HTTP status, so that a 404 printed by a curl that exits 0 still fails the block
		script.append("curl() {\n  local head rc status; head=$(mktemp)\n  command curl -D \"$head\" \"$@\"; rc=$?\n")
			.append("  status=$(grep -a -E '^HTTP/' \"$head\" | tail -n 1 | cut -d ' ' -f 2)\n")
			.append("  local call=\"$*\"; printf '%s\\t%s\\t%s\\n' \"$DOCTEST_BLOCK\" \"${status:-none}\" \"${call//$'\\n'/ }\" >>")
			.append(quote(statuses.toString()))
			.append("\n  rm -f \"$head\"; return $rc\n}\n");
		script.append("trap 'printf \"%s\\t%s\\t%s\\n\" \"$DOCTEST_BLOCK\" \"$?\" \"$LINENO\" >>")
			.append(quote(errors.toString()))
			.append("' ERR\n");
		Map<Integer, int[]> lines = new HashMap<>();
		for (int i = 0; i < blocks.size(); i++) {
			script.append("DOCTEST_BLOCK=").append(i).append("; printf '\\n").append(MARK).append(i).append("\\n'\n");
			int first = (int) script.chars().filter(c -> c == '\n').count() + 1;
			script.append(localPorts(blocks.get(i).commands()));
			int last = (int) script.chars().filter(c -> c == '\n').count();
			lines.put(i, new int[] { first, last });
		}
		script.append("printf '\\n").append(MARK).append("end\\n'\n");
		Path scriptFile = work.resolve("readme.sh");
		Files.writeString(scriptFile, script);

		ProcessBuilder builder = new ProcessBuilder("bash", scriptFile.toString()).directory(checkout.toFile())
			.redirectOutput(work.resolve("stdout").toFile())
			.redirectError(work.resolve("stderr").toFile());
		builder.environment().remove("MONGODB_URI");
		builder.environment().putAll(readerEnvironment());
		Process process = builder.start();
		boolean finished = process.waitFor(150, TimeUnit.SECONDS);
		if (!finished) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor();
		}
		String stdout = Files.readString(work.resolve("stdout"));
		String stderr = Files.readString(work.resolve("stderr"));

		Map<Integer, String> printed = new HashMap<>();
		String[] parts = stdout.split("\n" + Pattern.quote(MARK), -1);
		for (String part : parts) {
			int newline = part.indexOf('\n');
			String id = newline < 0 ? part : part.substring(0, newline);
			if (id.matches("\\d+")) {
				printed.put(Integer.parseInt(id), newline < 0 ? "" : part.substring(newline + 1));
			}
		}
		List<String> problems = new ArrayList<>();
		if (!finished) {
			problems.add(file + ": did not finish in 150 s; last block started: " + blocks.get(printed.keySet()
				.stream()
				.max(Integer::compare)
				.orElse(0)).where());
		}
		else if (!stdout.contains(MARK + "end")) {
			problems.add(file + ": bash stopped before the end (a syntax error?): " + tail(stderr));
		}
		for (String error : Files.readAllLines(errors)) {
			String[] fields = error.split("\t");
			int block = Integer.parseInt(fields[0]);
			int line = Integer.parseInt(fields[2]);
			ReadmeBlocks.Block where = blocks.get(block);
			if (Pattern.compile("\\bexit(?:s| status)? " + fields[1] + "\\b").matcher(where.commands()).find()) {
				continue; // shown failing on purpose: the block says so ("# exits 2")
			}
			int readmeLine = where.line() + (line - lines.get(block)[0]) + 1;
			problems.add(file + ":" + readmeLine + ": exited " + fields[1] + ": «"
					+ where.commands().lines().skip(line - lines.get(block)[0]).findFirst().orElse("") + "»");
		}
		for (String status : Files.readAllLines(statuses)) {
			String[] fields = status.split("\t", 3);
			ReadmeBlocks.Block where = blocks.get(Integer.parseInt(fields[0]));
			if (fields[1].matches("[45]\\d\\d") && !mentions(where, fields[1])) {
				problems.add(where.where() + ": HTTP " + fields[1] + " from curl " + fields[2]);
			}
		}
		for (int i = 0; i < blocks.size(); i++) {
			ReadmeBlocks.Block block = blocks.get(i);
			if (block.expected() != null && printed.containsKey(i)) {
				for (String problem : OutputShape.compare(block.expected(), printed.get(i))) {
					problems.add(block.where() + " (output at line " + block.expected().line() + "): " + problem);
				}
			}
		}
		assertThat(problems).as("README blocks that do not work as shown; stderr: %s", tail(stderr)).isEmpty();
	}

	/** A 4xx/5xx the README shows on purpose: the block names the status (a comment such as {@code # → 403}). */
	private static boolean mentions(ReadmeBlocks.Block block, String status) {
		return Pattern.compile("\\b" + status + "\\b").matcher(block.commands()).find();
	}

	private static String localPorts(String commands) {
		Matcher matcher = LOCAL_PORT.matcher(commands);
		StringBuilder rewritten = new StringBuilder();
		while (matcher.find()) {
			String port = portOf(SERVICE_OF_PORT.get(matcher.group(1)));
			matcher.appendReplacement(rewritten, "127.0.0.1:" + port);
		}
		matcher.appendTail(rewritten);
		return rewritten.toString();
	}

	private static String portOf(String service) {
		String url = service.equals("GATEWAY") ? system.gatewayUrl() : system.directUrl(service);
		return url.substring(url.lastIndexOf(':') + 1);
	}

	private static Map<String, String> readerEnvironment() {
		Map<String, String> environment = new HashMap<>();
		for (String service : List.of("GATEWAY", "CORPUS", "CLASSIFIER", "SCRAPER", "DASHBOARD")) {
			environment.put(service + "_PORT", portOf(service));
		}
		environment.put("GATEWAY_URL", system.gatewayUrl());
		environment.put("KEY", read(dataDirectory.resolve("admin-api-key")));
		return environment;
	}

	/**
	 * Where the reader stands: the repository's files (links), {@code ./emotion} as a copy (it finds its jars next to
	 * itself), {@code data} the system's data directory, and the files the READMEs assume the reader has.
	 */
	private static Path readersCheckout() throws IOException {
		Path root = ReadmeBlocks.ROOT;
		Path reader = Files.createTempDirectory("emotion-reader");
		try (Stream<Path> entries = Files.list(root)) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (!Set.of("emotion", "data", ".git", "models", "target").contains(name)) {
					Files.createSymbolicLink(reader.resolve(name), entry);
				}
			}
		}
		Files.copy(root.resolve("emotion"), reader.resolve("emotion"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createSymbolicLink(reader.resolve("data"), dataDirectory);
		Path starter = root.resolve("corpus/starter/starter-corpus.json");
		Files.copy(starter, reader.resolve("Training.json"));
		Files.copy(starter, reader.resolve("감성대화말뭉치(최종데이터)_Training.json"));
		Files.copy(root.resolve("corpus/starter/reflection-eval.json"),
				reader.resolve("감성대화말뭉치(최종데이터)_Validation.json"));
		Files.writeString(reader.resolve("export.json"), JsonMapper.builder().build().writeValueAsString(readersExport()),
				StandardCharsets.UTF_8);
		return reader;
	}

	/**
	 * The reader's DiscordChatExporter export of channel 1100000000000000002 ({@code #weekly-reflection}), the one the
	 * scraper README exports and then queries: two messages of 민지 (one a 5F reflection) and two of others in
	 * September 2026.
	 */
	static Map<String, Object> readersExport() {
		List<Map<String, Object>> messages = new ArrayList<>();
		String[][] rows = { { "2026-09-08T01:02:03Z", "minji", "민지", "200000000000000001",
				"**사실**: 팀 프로젝트 배포를 마쳤다.\n**느낌**: 마감 직전까지 불안했지만 끝나고 나니 정말 뿌듯하고 기뻤다.\n"
						+ "**교훈**: 일정을 미리 나눠야 한다.\n**향후 행동**: 다음 주엔 테스트를 먼저 쓰겠다." },
				{ "2026-09-08T02:10:00Z", "junho", "준호", "200000000000000002", "코드 리뷰에서 같은 지적을 세 번째 받았어요. 너무 속상해요." },
				{ "2026-09-15T01:00:00Z", "minji", "민지", "200000000000000001", "다음 주 면접이 계속 신경 쓰여서 잠이 안 와요." },
				{ "2026-09-22T03:00:00Z", "seoyeon", "서연", "200000000000000003",
						"멘토님이 제 포트폴리오를 칭찬해 주셨어요! 오늘 하루가 너무 행복해요." } };
		for (String[] row : rows) {
			java.time.Instant at = java.time.Instant.parse(row[0]);
			Map<String, Object> author = new java.util.LinkedHashMap<>();
			author.put("id", row[3]);
			author.put("name", row[1]);
			author.put("discriminator", "0000");
			author.put("nickname", row[2]);
			author.put("isBot", false);
			Map<String, Object> message = new java.util.LinkedHashMap<>();
			message.put("id", String.valueOf((at.toEpochMilli() - 1420070400000L) << 22));
			message.put("type", "Default");
			message.put("timestamp", at.atOffset(java.time.ZoneOffset.ofHours(9)).toString());
			message.put("timestampEdited", null);
			message.put("isPinned", false);
			message.put("content", row[4]);
			message.put("author", author);
			message.put("attachments", List.of());
			message.put("reactions", List.of());
			message.put("mentions", List.of());
			messages.add(message);
		}
		Map<String, Object> export = new java.util.LinkedHashMap<>();
		export.put("guild", Map.of("id", "1100000000000000001", "name", "부트캠프 7기", "iconUrl", ""));
		export.put("channel", Map.of("id", "1100000000000000002", "type", "GuildTextChat", "category", "회고", "name",
				"weekly-reflection", "topic", ""));
		export.put("dateRange", Map.of());
		export.put("exportedAt", "2026-09-30T00:00:00Z");
		export.put("messages", messages);
		export.put("messageCount", messages.size());
		return export;
	}

	/** Links first (never followed), then whatever the blocks and this class wrote. */
	private static void removeCheckout() throws IOException {
		try (Stream<Path> entries = Files.list(checkout)) {
			for (Path entry : entries.toList()) {
				if (Files.isSymbolicLink(entry)) {
					Files.delete(entry);
				}
			}
		}
		try (Stream<Path> files = Files.walk(checkout)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static String quote(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

	private static String tail(String text) {
		return text.length() > 3000 ? "…" + text.substring(text.length() - 3000) : text;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
