package dev.emotionmonitor.classifier.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.emotionmonitor.classifier.corpus.LabeledText;

/**
 * Assigns whole groups (persona blocks) to folds, so the dialogues of one persona are never on both sides of a split.
 * Deterministic for a seed: groups are sorted, shuffled with that seed and dealt round-robin.
 */
public final class GroupedSplit {

	private GroupedSplit() {
	}

	public static int[] folds(List<LabeledText> texts, int folds, long seed) {
		List<String> groups = new ArrayList<>(new TreeSet<>(texts.stream().map(LabeledText::group).toList()));
		Collections.shuffle(groups, new Random(seed));
		Map<String, Integer> foldOfGroup = new java.util.HashMap<>();
		for (int i = 0; i < groups.size(); i++) {
			foldOfGroup.put(groups.get(i), i % folds);
		}
		return texts.stream().mapToInt(text -> foldOfGroup.get(text.group())).toArray();
	}

	/** Train / test halves where test is {@code fraction} of the groups (at least one group when there are two). */
	public static Split holdOut(List<LabeledText> texts, double fraction, long seed) {
		List<String> groups = new ArrayList<>(new TreeSet<>(texts.stream().map(LabeledText::group).toList()));
		Collections.shuffle(groups, new Random(seed));
		int testGroups = groups.size() < 2 ? 0 : Math.max(1, (int) Math.round(groups.size() * fraction));
		var test = new java.util.HashSet<>(groups.subList(0, testGroups));
		Map<Boolean, List<LabeledText>> parts = texts.stream()
			.collect(Collectors.partitioningBy(text -> test.contains(text.group())));
		return new Split(parts.get(false), parts.get(true));
	}

	public static Split fold(List<LabeledText> texts, int[] foldOf, int fold) {
		List<LabeledText> train = new ArrayList<>();
		List<LabeledText> test = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			(foldOf[i] == fold ? test : train).add(texts.get(i));
		}
		return new Split(train, test);
	}

	public record Split(List<LabeledText> train, List<LabeledText> test) {

		public <T> List<T> trainMap(Function<LabeledText, T> f) {
			return this.train.stream().map(f).toList();
		}
	}
}
