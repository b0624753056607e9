package dev.emotionmonitor.common.emotion;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The six emotions as every service, export and model card writes them. */
class EmotionTest {

	@Test
	void idsAndKoreanNamesInTheCanonicalOrder() {
		assertThat(Emotion.ids()).containsExactly("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");
		assertThat(Emotion.koreanNames()).containsExactly("분노", "슬픔", "불안", "상처", "당황", "기쁨");
		assertThat(Emotion.COUNT).isEqualTo(6);
		assertThat(Emotion.ALL).filteredOn(Emotion::negative).hasSize(5).doesNotContain(Emotion.JOY);
	}

	@Test
	void theTensDigitOfAnAiHubCodePicksTheClass() {
		for (Map.Entry<String, String> fine : FineLabels.all().entrySet()) {
			Emotion major = Emotion.byCode(fine.getKey()).orElseThrow();
			assertThat(major.tensDigit()).isEqualTo(fine.getKey().charAt(1) - '0');
			assertThat(FineLabels.codeOf(major, fine.getValue())).contains(fine.getKey());
		}
		assertThat(FineLabels.all()).hasSize(60);
		assertThat(FineLabels.all().values().stream().distinct()).hasSize(58);
		assertThat(Emotion.byCode("E10")).contains(Emotion.ANGER);
		assertThat(Emotion.byCode("E69")).contains(Emotion.JOY);
		assertThat(Emotion.byCode("E70")).isEmpty();
		assertThat(Emotion.byCode("e18")).as("the corpus refuses a lower-case code").isEmpty();
		assertThat(Emotion.fromCode("e34")).isEqualTo(Emotion.ANXIETY);
		assertThatThrownBy(() -> Emotion.fromCode("E77")).hasMessage("not an AI Hub emotion code (E10–E69): E77");
	}

	@Test
	void lookupByIdKoreanNameOrAnyOfThem() {
		assertThat(Emotion.byId("hurt")).contains(Emotion.HURT);
		assertThat(Emotion.byId("Hurt")).isEmpty();
		assertThat(Emotion.byKorean(" 당 황 ")).contains(Emotion.EMBARRASSMENT);
		assertThat(Emotion.koreanOf("joy")).isEqualTo("기쁨");
		assertThat(Emotion.koreanOf("surprise")).isNull();
		assertThat(Emotion.koreanOf(null)).isNull();
		assertThat(Emotion.byKorean("놀람")).isEmpty();
		assertThat(Emotion.parse(" ANXIETY ")).isEqualTo(Emotion.ANXIETY);
		assertThat(Emotion.parse("기쁨")).isEqualTo(Emotion.JOY);
		assertThat(Emotion.parse("E21")).isEqualTo(Emotion.SADNESS);
		assertThatThrownBy(() -> Emotion.parse("surprise")).hasMessageContaining("unknown emotion 'surprise'")
			.hasMessageContaining("[anger, sadness, anxiety, hurt, embarrassment, joy]");
	}

	@Test
	void fineNamesResolveOnlyWithinTheirClass() {
		assertThat(FineLabels.codeOf(Emotion.HURT, "고립된")).contains("E43");
		assertThat(FineLabels.codeOf(Emotion.EMBARRASSMENT, "고립된")).contains("E51");
		assertThat(FineLabels.codeOf(Emotion.HURT, "가난한/불우한")).contains("E45");
		assertThat(FineLabels.codeOf(Emotion.JOY, "고립된")).isEmpty();
		assertThat(FineLabels.name("E18")).isEqualTo("노여워하는");
	}

	@Test
	void scoresComeBackInTheCanonicalOrder() {
		Map<String, Double> scores = new LinkedHashMap<>();
		scores.put("joy", 0.5);
		scores.put("other", 0.1);
		scores.put("anger", 0.4);
		assertThat(Emotion.inCanonicalOrder(scores)).containsExactly(Map.entry("anger", 0.4), Map.entry("joy", 0.5));
		assertThat(Emotion.<Double>inCanonicalOrder(null)).isNull();
	}
}
