package dev.emotionmonitor.common.emotion;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The 60 AI Hub fine labels (E10–E69). Two names (고립된, 혼란스러운) exist under two classes, so a name is only
 * resolved to a code within its major class.
 */
public final class FineLabels {

	private static final Pattern CODE = Pattern.compile("E[1-6][0-9]");

	private static final Pattern SPACING_AND_PUNCTUATION = Pattern.compile("[\\s,/·.\\-_()\\uFEFF]+");

	private static final Map<String, String> NAMES = new LinkedHashMap<>();

	private static final Map<String, String> CODE_BY_CLASS_AND_NAME = new HashMap<>();

	static {
		String[] names = {
				// anger E10–E19
				"분노", "툴툴대는", "좌절한", "짜증내는", "방어적인", "악의적인", "안달하는", "구역질 나는", "노여워하는", "성가신",
				// sadness E20–E29
				"슬픔", "실망한", "비통한", "후회되는", "우울한", "마비된", "염세적인", "눈물이 나는", "낙담한", "환멸을 느끼는",
				// anxiety E30–E39
				"불안", "두려운", "스트레스 받는", "취약한", "혼란스러운", "당혹스러운", "회의적인", "걱정스러운", "조심스러운", "초조한",
				// hurt E40–E49
				"상처", "질투하는", "배신당한", "고립된", "충격 받은", "가난한, 불우한", "희생된", "억울한", "괴로워하는", "버려진",
				// embarrassment E50–E59
				"당황", "고립된", "남의 시선을 의식하는", "외로운", "열등감", "죄책감의", "부끄러운", "혐오스러운", "한심한", "혼란스러운",
				// joy E60–E69
				"기쁨", "감사하는", "신뢰하는", "편안한", "만족스러운", "흥분", "느긋", "안도", "신이 난", "자신하는" };
		for (int i = 0; i < names.length; i++) {
			String code = "E" + (10 + i);
			NAMES.put(code, names[i]);
			CODE_BY_CLASS_AND_NAME.put((code.charAt(1)) + ":" + normalize(names[i]), code);
		}
	}

	private FineLabels() {
	}

	public static boolean isCode(String code) {
		return code != null && CODE.matcher(code).matches();
	}

	/** The Korean fine name of a code such as {@code E18}. */
	public static String name(String code) {
		String name = NAMES.get(code);
		if (name == null) {
			throw new IllegalArgumentException("Not an AI Hub emotion code: " + code);
		}
		return name;
	}

	/** All codes in order with their names. */
	public static Map<String, String> all() {
		return Collections.unmodifiableMap(NAMES);
	}

	/** The code of a fine name under a major class, tolerant of the spacing variants spreadsheets write. */
	public static Optional<String> codeOf(Emotion major, String name) {
		return Optional.ofNullable(CODE_BY_CLASS_AND_NAME.get(major.tensDigit() + ":" + normalize(name)));
	}

	/** Drops whitespace and the punctuation spreadsheets vary on ("가난한, 불우한" = "가난한/불우한" = "가난한불우한"). */
	public static String normalize(String text) {
		return text == null ? "" : SPACING_AND_PUNCTUATION.matcher(text).replaceAll("");
	}
}
