package dev.emotionmonitor.aihub;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.emotionmonitor.aihub.ParsedRecord.ParsedDialogue;
import dev.emotionmonitor.aihub.ParsedRecord.RejectedRecord;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;

/**
 * Turns the rows of the AI Hub source sheet (xlsx or its CSV export) into dialogues. The first non-empty row is the
 * header; columns are found by name, so column order and the optional 사람문장4/시스템문장4 do not matter.
 */
final class SheetRowMapper {

	private static final List<String> REQUIRED = List.of("감정_대분류", "감정_소분류", "사람문장1");

	private static final Map<String, String> TEXT_COLUMNS = new LinkedHashMap<>();

	static {
		for (int i = 1; i <= 4; i++) {
			TEXT_COLUMNS.put("사람문장" + i, "HS0" + i);
			TEXT_COLUMNS.put("시스템문장" + i, "SS0" + i);
		}
	}

	private static final Map<String, String> NORMALIZED_COLUMNS = new java.util.concurrent.ConcurrentHashMap<>();

	private final Consumer<ParsedRecord> sink;

	private Map<String, Integer> columns;

	private long records;

	private String blockKey;

	private String blockGroup;

	/** Sheets repeat a handful of label and profile values: resolve each distinct value once. */
	private final Map<String, Object> resolved = new HashMap<>();

	SheetRowMapper(Consumer<ParsedRecord> sink) {
		this.sink = sink;
	}

	/** One row of cells (null or blank for empty cells); {@code row} is the 1-based sheet row. */
	void row(long row, List<String> cells) {
		if (cells.stream().allMatch(cell -> cell == null || cell.isBlank())) {
			return;
		}
		if (this.columns == null) {
			this.columns = header(cells);
			return;
		}
		this.records++;
		this.sink.accept(toRecord(row, cells));
	}

	/** Called at the end: a sheet with no header row at all is not the AI Hub sheet. */
	void finish() {
		if (this.columns == null) {
			throw new CorpusFileException("The sheet is empty: expected a header row (" + String.join(", ", REQUIRED)
					+ " …) followed by one dialogue per row");
		}
	}

	private static Map<String, Integer> header(List<String> cells) {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < cells.size(); i++) {
			if (cells.get(i) != null) {
				columns.putIfAbsent(FineLabels.normalize(cells.get(i)), i);
			}
		}
		List<String> missing = REQUIRED.stream()
			.filter(name -> !columns.containsKey(FineLabels.normalize(name)))
			.toList();
		if (!missing.isEmpty()) {
			List<String> found = cells.stream().filter(cell -> cell != null && !cell.isBlank()).limit(14).toList();
			throw new CorpusFileException("Wrong structure: the first row must be the AI Hub header (연령, 성별, 상황키워드, "
					+ "신체질환, 감정_대분류, 감정_소분류, 사람문장1, 시스템문장1 …); missing " + String.join(", ", missing)
					+ "; found " + found, Map.of("missing_columns", missing));
		}
		return columns;
	}

	private ParsedRecord toRecord(long row, List<String> cells) {
		String majorName = cell(cells, "감정_대분류");
		String fineName = cell(cells, "감정_소분류");
		Object label = this.resolved.computeIfAbsent("label\u0000" + majorName + "\u0000" + fineName,
				key -> codeOrReason(majorName, fineName));
		if (label instanceof Reason reason) {
			return new RejectedRecord(this.records, row, null, reason.text());
		}
		Optional<String> code = Optional.of((String) label);
		Map<String, String> content = new LinkedHashMap<>();
		TEXT_COLUMNS.forEach((column, field) -> {
			String value = cell(cells, column);
			if (value != null) {
				content.put(field, value);
			}
		});
		if (!content.containsKey("HS01")) {
			return new RejectedRecord(this.records, row, null, "dialogue has no 사람문장1 (HS01)");
		}
		String age = profileCode('A', cell(cells, "연령"));
		String gender = profileCode('G', cell(cells, "성별"));
		String situation = profileCode('S', cell(cells, "상황키워드"));
		String disease = profileCode('D', cell(cells, "신체질환"));
		List<String> situations = situation == null ? List.of() : List.of(situation);
		return new ParsedDialogue(this.records, row, "h:" + ContentHash.of(code.get(), content), null, null, null, age,
				gender, situations, disease, code.get(), group(age, gender, situation, disease, code.get(), content),
				content);
	}

	/**
	 * Sheets carry no persona id; consecutive rows with the same persona, situation and class form one block, named
	 * after its first dialogue so the name is the same on every import of the file.
	 */
	private String group(String age, String gender, String situation, String disease, String code,
			Map<String, String> content) {
		// the class, not the fine label: a persona's rows of one class are near-duplicates whatever their fine label
		String key = age + "|" + gender + "|" + situation + "|" + disease + "|" + Emotion.byCode(code).orElseThrow().id();
		if (!key.equals(this.blockKey)) {
			this.blockKey = key;
			this.blockGroup = "sheet:" + ContentHash.sha256(key + "|" + content.get("HS01"), 8);
		}
		return this.blockGroup;
	}

	private String cell(List<String> cells, String column) {
		Integer index = this.columns.get(NORMALIZED_COLUMNS.computeIfAbsent(column, FineLabels::normalize));
		if (index == null || index >= cells.size()) {
			return null;
		}
		String value = cells.get(index);
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	private record Reason(String text) {
	}

	private static Object codeOrReason(String majorName, String fineName) {
		Optional<Emotion> major = Emotion.byKorean(majorName);
		if (major.isEmpty()) {
			return new Reason("unknown emotion class \"" + nullToEmpty(majorName)
					+ "\" in 감정_대분류 (expected 분노, 슬픔, 불안, 상처, 당황 or 기쁨)");
		}
		Optional<String> code = FineLabels.codeOf(major.get(), fineName);
		if (code.isEmpty()) {
			return new Reason("unknown fine label \"" + nullToEmpty(fineName) + "\" in 감정_소분류 under "
					+ major.get().korean());
		}
		return code.get();
	}

	private String profileCode(char kind, String value) {
		if (value == null) {
			return null;
		}
		return (String) this.resolved.computeIfAbsent(kind + "\u0000" + value, key -> ProfileCodes.codeOf(kind, value));
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}
}
