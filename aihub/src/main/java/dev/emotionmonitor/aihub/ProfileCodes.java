package dev.emotionmonitor.aihub;

import java.util.HashMap;
import java.util.Map;

import dev.emotionmonitor.common.emotion.FineLabels;

/** AI Hub persona and situation codes (age A, gender G, situation S, disease D) and their Korean names. */
final class ProfileCodes {

	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("A01", "청소년"), Map.entry("A02", "청년"),
			Map.entry("A03", "중년"), Map.entry("A04", "노년"), Map.entry("G01", "남성"), Map.entry("G02", "여성"),
			Map.entry("S01", "가족관계"), Map.entry("S02", "학업 및 진로"), Map.entry("S03", "학교폭력/따돌림"),
			Map.entry("S04", "대인관계"), Map.entry("S05", "연애/결혼/출산"), Map.entry("S06", "진로/취업/직장"),
			Map.entry("S07", "대인관계(부부, 자녀)"), Map.entry("S08", "재정/은퇴/노후준비"), Map.entry("S09", "건강"),
			Map.entry("S10", "직장/업무 스트레스"), Map.entry("S11", "건강/죽음"), Map.entry("S12", "대인관계(노년)"),
			Map.entry("S13", "재정"), Map.entry("D01", "만성질환 유"), Map.entry("D02", "만성질환 무"));

	private static final Map<String, String> CODE_BY_NAME = new HashMap<>();

	static {
		NAMES.forEach((code, name) -> CODE_BY_NAME.put(code.charAt(0) + ":" + FineLabels.normalize(name), code));
	}

	private ProfileCodes() {
	}

	/**
	 * The code for a spreadsheet value of the given kind ('A', 'G', 'S', 'D'); the value itself when it already is
	 * a code or has no known code (kept as written rather than dropped).
	 */
	static String codeOf(char kind, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (NAMES.containsKey(trimmed)) {
			return trimmed;
		}
		return CODE_BY_NAME.getOrDefault(kind + ":" + FineLabels.normalize(trimmed), trimmed);
	}
}
