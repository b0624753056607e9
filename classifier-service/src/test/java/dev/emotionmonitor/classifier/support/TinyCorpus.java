package dev.emotionmonitor.classifier.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * A small labelled Korean corpus written for the tests (not AI Hub data), in the AI Hub labeling-JSON shape: each
 * dialogue joins two phrases of its emotion and one neutral phrase; four dialogues share a persona.
 */
public final class TinyCorpus {

	public static final Map<String, List<String>> PHRASES = new LinkedHashMap<>();

	static {
		PHRASES.put("E10", List.of("팀장이 또 내 공을 가로채서 정말 화가 나", "약속을 어겨서 너무 짜증나고 열받아",
				"왜 나한테만 이런 일을 시키는지 분통이 터져", "동료가 무례하게 말해서 화가 치밀어", "이건 진짜 참을 수가 없어 너무 화나",
				"자꾸 내 말을 무시해서 짜증이 폭발할 것 같아", "부당한 대우에 분노가 끓어올라", "또 지각한 사람 때문에 열받는다"));
		PHRASES.put("E20", List.of("오늘 하루 종일 우울하고 눈물이 나", "친구가 멀리 떠나서 너무 슬퍼", "기대했던 결과가 안 나와서 실망했어",
				"혼자 남겨진 것 같아 마음이 아파", "요즘 아무것도 하기 싫고 슬프기만 해", "그때 그러지 말걸 후회가 돼",
				"할머니가 보고 싶어서 눈물이 멈추지 않아", "노력했는데 떨어져서 너무 서글퍼"));
		PHRASES.put("E30", List.of("내일 발표가 걱정돼서 잠이 안 와", "취업을 못 할까 봐 너무 불안해", "시험 결과가 나올까 봐 초조해",
				"실수할까 봐 계속 긴장돼", "앞으로 어떻게 될지 몰라 두려워", "마감이 다가와서 스트레스 받아",
				"면접에서 떨어질까 봐 걱정이야", "돈이 부족할까 봐 불안하고 초조해"));
		PHRASES.put("E40", List.of("믿었던 친구에게 배신당해서 상처받았어", "동료들이 나만 빼고 점심을 먹어서 서운해",
				"그 말이 가슴에 박혀서 너무 아파", "나를 이용만 한 것 같아 마음이 찢어져", "아무도 내 편이 아니라서 외롭고 상처야",
				"억울하게 누명을 써서 괴로워", "내 노력을 아무도 알아주지 않아 서러워", "버려진 기분이 들어서 마음이 아프다"));
		PHRASES.put("E50", List.of("사람들 앞에서 넘어져서 너무 창피했어", "이름을 잘못 불러서 당황스러웠어", "갑자기 질문을 받아서 얼굴이 빨개졌어",
				"실수한 게 들통나서 부끄러워", "모두가 나를 쳐다봐서 민망했어", "준비를 안 한 게 티나서 당황했어",
				"엉뚱한 대답을 해서 쥐구멍에 숨고 싶었어", "회의 중에 말이 꼬여서 창피해"));
		PHRASES.put("E60", List.of("드디어 합격해서 너무 기뻐", "오늘 칭찬을 받아서 정말 행복해", "친구들이 생일을 챙겨줘서 고마워",
				"프로젝트가 성공해서 뿌듯하고 신나", "주말에 푹 쉬어서 마음이 편안해", "좋은 소식을 들어서 날아갈 것 같아",
				"목표를 이뤄서 너무 만족스러워", "같이 웃으면서 일해서 즐거웠어"));
	}

	private static final List<String> NEUTRAL = List.of("오늘은 회사에 일찍 갔어", "점심으로 김밥을 먹었어", "요즘 날씨가 많이 추워졌어",
			"이번 주에는 회의가 많았어", "저녁에 산책을 했어", "버스를 타고 집에 왔어");

	private TinyCorpus() {
	}

	/** {@code perEmotion} dialogues of each emotion, shuffled with {@code seed}. */
	public static List<Map<String, Object>> dialogues(int perEmotion, long seed) {
		Random random = new Random(seed);
		List<Map<String, Object>> dialogues = new ArrayList<>();
		int number = 0;
		for (Map.Entry<String, List<String>> emotion : PHRASES.entrySet()) {
			List<String> phrases = emotion.getValue();
			for (int i = 0; i < perEmotion; i++) {
				String first = phrases.get(random.nextInt(phrases.size()));
				String second = phrases.get(random.nextInt(phrases.size()));
				String neutral = NEUTRAL.get(random.nextInt(NEUTRAL.size()));
				String persona = "Pers_" + emotion.getKey() + "_" + (i / 4);
				String code = emotion.getKey().substring(0, 2) + (random.nextInt(10));
				dialogues.add(Map.of("profile", Map.of("persona-id", persona, "persona",
						Map.of("persona-id", persona, "human", List.of("A02", "G01"), "computer", List.of("A02", "G01")),
						"emotion", Map.of("emotion-id", "S06_D02_" + code, "type", code, "situation", List.of("S06", "D02"))),
						"talk", Map.of("id", Map.of("profile-id", persona, "talk-id", "talk-" + number++), "content",
								Map.of("HS01", neutral + ". " + first, "SS01", "그랬군요.", "HS02", second, "SS02", "",
										"HS03", "", "SS03", ""))));
			}
		}
		java.util.Collections.shuffle(dialogues, random);
		return dialogues;
	}

	public static Path write(Path file, int perEmotion, long seed) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		JsonMapper.builder().build().writeValue(file.toFile(), dialogues(perEmotion, seed));
		return file;
	}

	public static void main(String[] args) throws IOException {
		write(Path.of(args[0]), Integer.parseInt(args[1]), 7);
	}
}
