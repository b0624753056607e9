package dev.emotionmonitor.aihub;

import java.util.Iterator;
import java.util.List;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;

/**
 * Generates any number of distinct dialogues of AI Hub shape (all 60 codes, five dialogues per persona) without
 * holding them: input for the benchmarks and for tests that need volume. Not meant to read naturally.
 */
public final class SyntheticCorpus {

	private static final String[] OPENINGS = { "오늘 회사에서", "어제 학교에서", "주말에 집에서", "점심시간에", "퇴근길에",
			"시험 기간에", "친구랑 통화하다가", "병원에 다녀와서", "월급날에", "가족 모임에서" };

	private static final String[] EVENTS = { "팀장님이 내 보고서를 다시 쓰라고 했어", "친구가 약속을 또 잊어버렸어",
			"생각지도 못한 칭찬을 들었어", "통장 잔고를 보고 한숨이 나왔어", "동생이랑 크게 다퉜어", "발표를 망쳐 버렸어",
			"오랜만에 푹 쉬었어", "건강검진 결과가 걱정돼", "면접에서 떨어졌다는 연락을 받았어", "이사 준비가 끝이 안 보여" };

	private static final String[] FEELINGS = { "너무 속상해.", "진짜 화가 나.", "마음이 좀 놓여.", "어떻게 해야 할지 모르겠어.",
			"기분이 정말 좋아.", "괜히 눈물이 나.", "창피해서 얼굴을 못 들겠어.", "잠이 안 와.", "아직도 믿기지가 않아.",
			"다 내 잘못 같아." };

	private SyntheticCorpus() {
	}

	public static String code(int i) {
		return "E" + (10 + i % 60);
	}

	public static String text(int i) {
		return OPENINGS[i % 10] + " " + EVENTS[(i / 10) % 10] + ". " + FEELINGS[(i / 100) % 10] + " (" + i + ")";
	}

	public static Iterable<JsonDialogue> json(int count) {
		return () -> new Iterator<>() {
			int i;

			@Override
			public boolean hasNext() {
				return this.i < count;
			}

			@Override
			public JsonDialogue next() {
				int n = this.i++;
				String persona = String.format("%05d", n / 5);
				return new JsonDialogue(persona, "Pro_" + persona + "_" + String.format("%05d", n), code(n), "A0" + (1 + n % 4),
						"G0" + (1 + n % 2), "S0" + (1 + n % 9), "D0" + (1 + n % 2), text(n), "그런 일이 있었군요.",
						EVENTS[(n + 3) % 10] + ".", "지금 기분은 어떠세요?", n % 3 == 0 ? FEELINGS[n % 10] : "", "");
			}
		};
	}

	/** The header row, then one row per dialogue with Korean major and fine names. */
	public static Iterable<List<String>> sheet(int count) {
		return () -> new Iterator<>() {
			int i = -1;

			@Override
			public boolean hasNext() {
				return this.i < count;
			}

			@Override
			public List<String> next() {
				int n = this.i++;
				if (n < 0) {
					return CorpusFiles.SHEET_HEADER;
				}
				String code = code(n);
				Emotion major = Emotion.byCode(code).orElseThrow();
				return CorpusFiles.sheetRow(n, major.korean(), FineLabels.name(code), text(n), "그런 일이 있었군요.",
						EVENTS[(n + 3) % 10] + ".");
			}
		};
	}
}
