package dev.emotionmonitor.aihub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one grouped split: whole groups to one side, the same answer on every run and in any order. */
class GroupedSplitTest {

	/** Ten dialogues for each of 50 personas. */
	private static final List<String> DIALOGUE_GROUPS = IntStream.range(0, 500).mapToObj(i -> "persona:P" + i / 10).toList();

	@Test
	void aGroupsSideIsSha256OfSeedAndGroupBelowTheRatio() {
		// pinned: the corpus-service's exported parts (README: "SHA-256(seed:group) falls below the ratio") stay the same
		assertThat(GroupedSplit.position("42", "persona:P1")).isCloseTo(0.10468603631563367, within(1e-15));
		assertThat(GroupedSplit.position("7", "sheet:0a1b2c3d4e5f6a7b")).isCloseTo(0.4090886333443652, within(1e-15));
		assertThat(new GroupedSplit(42, 0.11).partOf("persona:P1")).isEqualTo("validation");
		assertThat(new GroupedSplit(42, 0.10).partOf("persona:P1")).isEqualTo("train");
		assertThat(new GroupedSplit(42, 0.5).partOf("dialogue:abc")).isEqualTo("train");
	}

	@Test
	void holdOutKeepsEveryGroupOnOneSideAgreesWithTheExportAndIgnoresOrder() {
		GroupedSplit.Split<String> split = GroupedSplit.holdOut(DIALOGUE_GROUPS, group -> group, 0.2, 42);
		Set<String> held = Set.copyOf(split.test());

		assertThat(split.train()).hasSize(500 - split.test().size()).noneMatch(held::contains);
		assertThat(held).allMatch(group -> new GroupedSplit(42, 0.2).heldOut(group));
		assertThat(split.train()).noneMatch(group -> new GroupedSplit(42, 0.2).heldOut(group));
		assertThat(held.size()).as("close to a fifth of 50 groups").isBetween(4, 18);

		List<String> shuffled = new ArrayList<>(DIALOGUE_GROUPS);
		Collections.shuffle(shuffled, new Random(3));
		assertThat(Set.copyOf(GroupedSplit.holdOut(shuffled, group -> group, 0.2, 42).test())).isEqualTo(held);
		assertThat(Set.copyOf(GroupedSplit.holdOut(DIALOGUE_GROUPS, group -> group, 0.2, 43).test()))
			.as("another seed, another split").isNotEqualTo(held);
	}

	@Test
	void holdOutTakesOneGroupWhenTheRatioCatchesNone() {
		List<String> two = List.of("persona:A", "persona:A", "persona:B");
		for (long seed = 0; seed < 20; seed++) {
			GroupedSplit.Split<String> split = GroupedSplit.holdOut(two, group -> group, 0.01, seed);
			assertThat(split.test()).isNotEmpty();
			assertThat(split.train()).isNotEmpty().doesNotContainAnyElementsOf(split.test());
		}
		assertThat(GroupedSplit.holdOut(List.of("persona:A"), group -> group, 0.5, 1).test()).as("one group: all train")
			.isEmpty();
	}

	@Test
	void foldsDealWholeGroupsEvenly() {
		int[] folds = GroupedSplit.folds(DIALOGUE_GROUPS, group -> group, 5, 42);
		for (int i = 0; i < DIALOGUE_GROUPS.size(); i++) {
			for (int j = 0; j < DIALOGUE_GROUPS.size(); j++) {
				if (DIALOGUE_GROUPS.get(i).equals(DIALOGUE_GROUPS.get(j))) {
					assertThat(folds[i]).isEqualTo(folds[j]);
				}
			}
		}
		var sizes = IntStream.of(folds).boxed().collect(Collectors.groupingBy(fold -> fold, Collectors.counting()));
		assertThat(sizes).hasSize(5).allSatisfy((fold, size) -> assertThat(size).isEqualTo(100L));
		GroupedSplit.Split<String> second = GroupedSplit.fold(DIALOGUE_GROUPS, folds, 1);
		assertThat(second.test()).hasSize(100).doesNotContainAnyElementsOf(second.train());
		assertThat(GroupedSplit.folds(DIALOGUE_GROUPS, group -> group, 5, 42)).as("same seed, same folds")
			.isEqualTo(folds);
	}
}
