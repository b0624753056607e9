package dev.emotionmonitor.classifier.model;

import java.util.List;

import dev.emotionmonitor.classifier.text.Morphemes;
import dev.emotionmonitor.classifier.text.Sentences;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MorphemesTest {

	@Test
	void keepsEndingsNegationAndAdverbsThatNorisDefaultDrops() {
		List<String> morphemes = Morphemes.of(Morphemes.normalize("오늘은 너무 안 좋았어요. 못 참겠어!"));
		assertThat(morphemes).contains("너무/MAG", "안/MAG", "못/MAG");
		assertThat(morphemes).anyMatch(m -> m.endsWith("/E"));
		assertThat(morphemes).noneMatch(m -> m.startsWith(".") || m.startsWith("!"));
		assertThat(morphemes).doesNotContain("은/J");
	}

	@Test
	void normalizesWidthCaseAndSpaces() {
		assertThat(Morphemes.normalize("  ＡＢＣ   Hello\n\t세상 ")).isEqualTo("abc hello 세상");
	}

	@Test
	void splitsSentencesAtEndPunctuationAndLineBreaks() {
		assertThat(Sentences.split("화가 났어요. 정말요?! 그래도 괜찮아요…\n내일 봐요"))
			.containsExactly("화가 났어요.", "정말요?!", "그래도 괜찮아요…", "내일 봐요");
		assertThat(Sentences.split("마침표 없는 한 문장")).containsExactly("마침표 없는 한 문장");
	}
}
