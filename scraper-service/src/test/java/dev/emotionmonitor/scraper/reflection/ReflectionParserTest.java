package dev.emotionmonitor.scraper.reflection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.support.DecoratedMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The 5F parser on reflections written the many ways people write them, plus KPT, 4L and a configured template. */
class ReflectionParserTest {

	private final ReflectionParser parser = new ReflectionParser(properties(Map.of()));

	static Stream<Arguments> reflections() {
		return Stream.of(
				// 1 plain Korean labels with colons
				reflection("사실: 오늘 스프링 시큐리티 과제를 끝냈다.\n느낌: 생각보다 어려워서 조금 불안했다.\n교훈: 공식 문서를 먼저 읽자.\n향후 행동: 내일은 테스트 코드를 쓴다.\n피드백: 페어가 리뷰를 꼼꼼히 해줬다.",
						"fact", "스프링 시큐리티 과제", "feeling", "조금 불안했다", "finding", "공식 문서", "future", "테스트 코드",
						"feedback", "리뷰를 꼼꼼히"),
				// 2 bold markdown labels
				reflection("**사실**: 팀 프로젝트 주제를 정했다\n**느낌**: 다들 의욕이 넘쳐서 신났다\n**교훈**: 의견은 빨리 모을수록 좋다\n**향후 행동**: ERD 초안 그리기\n**피드백**: 회의 시간을 지키자",
						"fact", "주제를 정했다", "feeling", "신났다", "finding", "빨리 모을수록", "future", "ERD 초안", "feedback",
						"회의 시간"),
				// 3 bold with colon inside
				reflection("**사실:** 알고리즘 스터디에서 DP 문제를 풀었다.\n**느낌:** 답을 보고 나서야 이해돼서 속상했다.\n**교훈:** 점화식을 먼저 세우자.\n**향후 행동:** 하루에 두 문제씩.",
						"fact", "DP 문제", "feeling", "속상했다", "finding", "점화식", "future", "두 문제씩"),
				// 4 English labels
				reflection("Fact: Deployed the app to AWS for the first time.\nFeeling: Nervous but proud.\nFinding: Read the logs before guessing.\nFuture action: Automate the deploy with GitHub Actions.\nFeedback: Mentor said the README was clear.",
						"fact", "Deployed the app", "feeling", "Nervous but proud", "finding", "Read the logs", "future",
						"GitHub Actions", "feedback", "README was clear"),
				// 5 Korean with English in parentheses
				reflection("사실(Fact): 코드 리뷰에서 지적을 많이 받았다\n느낌(Feeling): 솔직히 좀 상처받았다\n교훈(Finding): 리뷰는 코드에 대한 것이지 나에 대한 것이 아니다\n향후 행동(Future action): 리뷰 코멘트를 정리해 둔다\n피드백(Feedback): 리뷰어에게 고맙다고 말하기",
						"fact", "지적을 많이", "feeling", "상처받았다", "finding", "나에 대한 것이", "future", "코멘트를 정리", "feedback",
						"고맙다고"),
				// 6 English then Korean in parentheses
				reflection("Fact (사실) - 모의 면접을 봤다\nFeeling (느낌) - 머리가 하얘져서 당황했다\nFinding (교훈) - 말하기 연습이 필요하다\nFuture (향후 행동) - 매일 10분씩 소리 내어 설명하기",
						"fact", "모의 면접", "feeling", "당황했다", "finding", "말하기 연습", "future", "10분씩"),
				// 7 headings on their own lines with bullets under them
				reflection("사실\n- 자바 스트림 API를 배웠다\n- 람다 문법이 익숙하지 않았다\n느낌\n- 재미있었지만 피곤했다\n교훈\n- 작은 예제로 먼저 연습하자\n향후 행동\n- 주말에 컬렉션 복습",
						"fact", "스트림 API", "feeling", "피곤했다", "finding", "작은 예제", "future", "컬렉션 복습"),
				// 8 numbered
				reflection("1. 사실: 깃 충돌을 처음 해결했다\n2. 느낌: 식은땀이 났다\n3. 교훈: 커밋은 자주, 작게\n4. 향후 행동: 브랜치 전략 공부\n5. 피드백: 팀장님이 침착했다고 칭찬해주셨다",
						"fact", "깃 충돌", "feeling", "식은땀", "finding", "자주, 작게", "future", "브랜치 전략", "feedback", "칭찬해주셨다"),
				// 9 numbered with parentheses and no colon, heading alone
				reflection("1) 사실\n오늘은 JPA 연관관계 매핑을 배웠다.\n2) 느낌\n양방향 매핑이 헷갈려서 답답했다.\n3) 교훈\n연관관계의 주인을 먼저 정하자.",
						"fact", "연관관계 매핑을", "feeling", "답답했다", "finding", "주인을 먼저"),
				// 10 emoji bullets
				reflection("📌 사실: 해커톤 예선을 통과했다\n💭 느낌: 너무 기뻐서 소리를 질렀다\n💡 교훈: 발표 연습이 효과가 있었다\n🚀 향후 행동: 본선 준비 일정 짜기\n🙏 피드백: 팀원 모두 고생했다",
						"fact", "예선을 통과", "feeling", "소리를 질렀다", "finding", "발표 연습", "future", "본선 준비", "feedback",
						"고생했다"),
				// 11 keycap emoji numbers
				reflection("1️⃣ 사실 - 리액트 상태 관리를 공부했다\n2️⃣ 느낌 - 리덕스 보일러플레이트가 짜증났다\n3️⃣ 교훈 - 작은 앱은 useState로 충분하다\n4️⃣ 향후 행동 - 주스탠드 써보기",
						"fact", "상태 관리", "feeling", "짜증났다", "finding", "useState", "future", "주스탠드"),
				// 12 out of order, missing sections
				reflection("느낌: 오늘은 하루 종일 우울했다\n사실: 제출한 과제가 반려되었다\n향후 행동: 피드백 반영해서 다시 제출",
						"feeling", "우울했다", "fact", "반려되었다", "future", "다시 제출"),
				// 13 markdown headings
				reflection("## 사실\n데이터베이스 인덱스 실습을 했다\n## 느낌\n쿼리가 빨라지는 걸 보니 뿌듯했다\n## 교훈\n실행 계획을 꼭 확인하자",
						"fact", "인덱스 실습", "feeling", "뿌듯했다", "finding", "실행 계획"),
				// 14 square brackets
				reflection("[사실] 첫 주 회고를 썼다\n[느낌] 어색하지만 후련했다\n[교훈] 기록하면 생각이 정리된다\n[향후 행동] 매일 세 줄 일기",
						"fact", "첫 주 회고", "feeling", "후련했다", "finding", "생각이 정리", "future", "세 줄 일기"),
				// 15 full-width colon and 향후행동 without space
				reflection("사실： 네트워크 과목 중간고사를 봤다\n느낌： 시간이 모자라서 초조했다\n향후행동： 기출 문제 풀기\n피드백： 스터디원들이 요약본을 공유해줬다",
						"fact", "중간고사", "feeling", "초조했다", "future", "기출 문제", "feedback", "요약본"),
				// 16 lower-case English with bullets
				reflection("- fact: pair programming all afternoon\n- feeling: exhausted but happy\n- finding: talking through code finds bugs early\n- future action: keep a bug journal",
						"fact", "pair programming", "feeling", "exhausted but happy", "finding", "finds bugs early", "future",
						"bug journal"),
				// 17 Korean / English with slash
				reflection("사실/Fact: 발표를 망쳤다\n느낌/Feeling: 창피하고 외로웠다\n교훈/Finding: 리허설은 두 번 하자\n향후 행동/Future action: 다음 주 발표 준비를 미리 시작",
						"fact", "발표를 망쳤다", "feeling", "창피하고", "finding", "리허설", "future", "미리 시작"),
				// 18 preamble line before the sections
				reflection("11/24 5F 회고입니다!\n\n사실: 오늘은 배포 자동화를 끝냈다\n느낌: 드디어 끝나서 안도했다\n교훈: 스크립트는 작게 나누자\n피드백: 없음",
						"fact", "배포 자동화", "feeling", "안도했다", "finding", "작게 나누자", "feedback", "없음"),
				// 19 multi-line section texts
				reflection("사실:\n오전에는 강의를 들었다.\n오후에는 미니 프로젝트를 진행했다.\n느낌:\n오후에 집중이 안 돼서 불안했다.\n그래도 저녁엔 괜찮아졌다.\n교훈:\n쉬는 시간을 꼭 지키자.",
						"fact", "미니 프로젝트", "feeling", "저녁엔 괜찮아졌다", "finding", "쉬는 시간"),
				// 20 arrows and dashes
				reflection("▶ 사실 — 코딩 테스트 3문제 중 1문제만 풀었다\n▶ 느낌 — 실망스럽고 슬펐다\n▶ 교훈 — 구현 문제부터 풀자\n▶ 향후 행동 — 매일 한 문제씩 시간 재고 풀기",
						"fact", "1문제만", "feeling", "슬펐다", "finding", "구현 문제부터", "future", "시간 재고"),
				// 21 Feelings / Findings plurals and bold English
				reflection("**Facts**\nFinished the payment module.\n**Feelings**\nRelieved, a bit anxious about edge cases.\n**Findings**\nIdempotency keys save the day.\n**Future actions**\nWrite more integration tests.",
						"fact", "payment module", "feeling", "anxious about edge", "finding", "Idempotency keys", "future",
						"integration tests"),
				// 22 only two sections
				reflection("느낌: 팀원이 내 코드를 무시하는 것 같아 서운했다\n피드백: 다음 회의 때 솔직하게 이야기해보자",
						"feeling", "서운했다", "feedback", "솔직하게"),
				// 23 the word 사실 as an adverb inside the text must not split
				reflection("사실: 오늘 멘토링이 있었다. 사실 준비를 많이 못 했다.\n느낌: 부끄러웠다\n교훈: 질문 목록을 미리 만들자",
						"fact", "사실 준비를 많이 못 했다", "feeling", "부끄러웠다", "finding", "질문 목록"),
				// 24 labels with extra spacing and dash separator
				reflection("사실 -  주간 스프린트 리뷰를 했다\n느낌 -  기대보다 반응이 좋아 기뻤다\n교훈 -  데모는 짧게\n향후 행동 -  다음 스프린트 백로그 정리",
						"fact", "스프린트 리뷰", "feeling", "기뻤다", "finding", "데모는 짧게", "future", "백로그 정리"),
				// 25 bullets with dots, Korean labels 감정/배운 점
				reflection("• 사실: 도커 컴포즈로 로컬 환경을 구성했다\n• 감정: 포트 충돌 때문에 화가 났다\n• 배운 점: 컨테이너 이름을 명시하자\n• 향후 계획: 쿠버네티스 입문",
						"fact", "도커 컴포즈", "feeling", "화가 났다", "finding", "컨테이너 이름", "future", "쿠버네티스"),
				// 26 heading with trailing text on next line and blank lines between
				reflection("사실\n\n면접 결과 불합격 통보를 받았다.\n\n느낌\n\n많이 속상하고 자신감이 떨어졌다.\n\n교훈\n\n포트폴리오 설명을 더 구체적으로.",
						"fact", "불합격 통보", "feeling", "자신감이 떨어졌다", "finding", "포트폴리오"),
				// 27 mixed: English labels for some, Korean for others
				reflection("Fact: 오늘 첫 PR이 머지됐다!\n느낌: 짜릿했다\nFinding: 작은 PR이 리뷰받기 쉽다\n향후 행동: PR 템플릿 만들기",
						"fact", "첫 PR이 머지", "feeling", "짜릿했다", "finding", "작은 PR", "future", "PR 템플릿"),
				// 28 KPT
				reflection("Keep: 매일 아침 스탠드업\nProblem: 회의가 길어져서 개발 시간이 부족하다\nTry: 스탠드업을 15분으로 제한",
						"keep", "스탠드업", "problem", "개발 시간이 부족", "try", "15분으로"),
				// 29 KPT bold with Korean
				reflection("**Keep (유지할 점)**\n- 코드 리뷰 문화\n**Problem (문제점)**\n- 테스트가 너무 느리다\n**Try (시도할 점)**\n- 테스트 병렬 실행",
						"keep", "코드 리뷰 문화", "problem", "너무 느리다", "try", "병렬 실행"),
				// 30 4L
				reflection("Liked: 팀 분위기가 좋았다\nLearned: 웹소켓 동작 원리\nLacked: 일정 관리가 부족했다\nLonged for: 더 많은 멘토링 시간",
						"liked", "팀 분위기", "learned", "웹소켓", "lacked", "일정 관리", "longed_for", "멘토링 시간"),
				// 31 section labels followed by a bold closing and text
				reflection("**사실** 이번 주에 스터디를 두 번 빠졌다\n**느낌** 스스로에게 실망했다\n**향후 행동** 스터디 전날 알림 설정",
						"fact", "두 번 빠졌다", "feeling", "실망했다", "future", "알림 설정"),
				// 32 angle quote headings with Korean and English stacked
				reflection("> 사실 / Fact\n회사 과제 전형을 제출했다\n> 느낌 / Feeling\n결과가 걱정되어 잠이 안 왔다\n> 교훈 / Finding\n제출 전 체크리스트가 필요하다\n> 피드백 / Feedback\n동기들이 응원해줬다",
						"fact", "과제 전형", "feeling", "잠이 안 왔다", "finding", "체크리스트", "feedback", "응원해줬다"),
				// 33 5F with numbering like (1)
				reflection("(1) 사실: 운영 서버 장애를 겪었다\n(2) 느낌: 손이 떨릴 정도로 무서웠다\n(3) 교훈: 롤백 절차를 문서화하자\n(4) 향후 행동: 장애 대응 훈련\n(5) 피드백: 선배가 끝까지 같이 봐줬다",
						"fact", "장애를 겪었다", "feeling", "무서웠다", "finding", "롤백 절차", "future", "대응 훈련", "feedback",
						"끝까지"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("reflections")
	void findsEverySectionWithItsText(String text, Map<String, String> expected) {
		ReflectionParser.Parsed parsed = parser.parse(text, null);

		assertThat(parsed.sections()).extracting(ReflectionParser.Section::key)
			.containsExactlyElementsOf(expected.keySet());
		for (ReflectionParser.Section section : parsed.sections()) {
			assertThat(section.text()).as(section.key()).contains(expected.get(section.key()));
			assertThat(section.text()).as(section.key() + " has no heading or markup left")
				.doesNotStartWith(":")
				.doesNotStartWith("-")
				.doesNotContain("**")
				.doesNotStartWith(section.title());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "사실 오늘은 좀 힘들었어요. 다들 수고 많으셨습니다!", "오늘 느낌이 좋다. 내일도 화이팅",
			"피드백 감사합니다 🙏", "Keep going everyone!", "사실: 그냥 한 줄 메모",
			"점심 뭐 먹을까요?\n저는 국밥이요", "https://github.com/team/repo/pull/12 리뷰 부탁드립니다" })
	void aMessageWithFewerThanTwoSectionsIsPlainText(String text) {
		assertThat(parser.parse(text, null).sections()).isEmpty();
		assertThat(parser.parse(text, null).template()).isNull();
	}

	static Stream<Arguments> decoratedMessages() {
		return Stream.of(2_000, 4_000)
			.flatMap(length -> DecoratedMessages.of(length)
				.entrySet()
				.stream()
				.map(message -> Arguments.of(length + " chars: " + message.getKey(), message.getValue())));
	}

	/**
	 * A recursive regex (one stack frame per repeated decoration character) overflows on these; the small stack makes
	 * such a parser fail here long before 2,000 characters.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("decoratedMessages")
	void aWallOfDecorationIsPlainTextAndNeverOverflowsTheStack(String name, String text) {
		ReflectionParser.Parsed parsed = onASmallStack(() -> parser.parse(text, null));

		assertThat(parsed.sections()).isEmpty();
		assertThat(parsed.template()).isNull();
	}

	@Test
	void aReflectionUnderALongBannerStillSplits() {
		String text = "=".repeat(1_990) + "\n" + "🎉".repeat(900) + "\n사실: 배너 아래 회고\n" + "-".repeat(1_500)
				+ " 느낌: 길어도 괜찮았다";

		ReflectionParser.Parsed parsed = onASmallStack(() -> parser.parse(text, null));

		assertThat(parsed.sections()).extracting(ReflectionParser.Section::key, ReflectionParser.Section::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("fact", "배너 아래 회고"),
					org.assertj.core.groups.Tuple.tuple("feeling", "길어도 괜찮았다"));
	}

	@Test
	void aSourceCanPinItsTemplate() {
		String kptLooking = "Keep: 스탠드업\nProblem: 회의가 길다";
		assertThat(parser.parse(kptLooking, "kpt").template()).isEqualTo("kpt");
		assertThat(parser.parse(kptLooking, "5f").sections()).isEmpty();
	}

	@Test
	void templatesAreConfigurationNotCode() {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("emotion.scraper.templates.daily.sections[0].key", "did");
		config.put("emotion.scraper.templates.daily.sections[0].title", "한 일");
		config.put("emotion.scraper.templates.daily.sections[0].labels[0]", "한 일");
		config.put("emotion.scraper.templates.daily.sections[0].labels[1]", "Done");
		config.put("emotion.scraper.templates.daily.sections[1].key", "blocked");
		config.put("emotion.scraper.templates.daily.sections[1].title", "막힌 점");
		config.put("emotion.scraper.templates.daily.sections[1].labels[0]", "막힌 점");
		ReflectionParser daily = new ReflectionParser(properties(config));

		ReflectionParser.Parsed parsed = daily.parse("✅ 한 일: 로그인 API 구현\n🚧 막힌 점: CORS 설정", null);

		assertThat(parsed.template()).isEqualTo("daily");
		assertThat(parsed.sections()).extracting(ReflectionParser.Section::key, ReflectionParser.Section::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("did", "로그인 API 구현"),
					org.assertj.core.groups.Tuple.tuple("blocked", "CORS 설정"));
		assertThat(daily.templateNames()).containsExactly("daily");
	}

	private static <T> T onASmallStack(java.util.concurrent.Callable<T> task) {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(null, () -> {
			try {
				result.set(task.call());
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "small-stack", 256 * 1024);
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		if (failure.get() != null) {
			throw new AssertionError("the parser failed: " + failure.get(), failure.get());
		}
		return result.get();
	}

	private static ScraperProperties properties(Map<String, String> config) {
		return new Binder(new MapConfigurationPropertySource(config)).bindOrCreate("emotion.scraper",
				ScraperProperties.class);
	}

	private static Arguments reflection(String text, String... keyAndSnippet) {
		Map<String, String> expected = new LinkedHashMap<>();
		for (int i = 0; i < keyAndSnippet.length; i += 2) {
			expected.put(keyAndSnippet[i], keyAndSnippet[i + 1]);
		}
		return Arguments.of(text, expected);
	}
}
