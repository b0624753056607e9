package dev.emotionmonitor.aihub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one grouped split of the project: every group (a persona, or a block of sheet rows) lands on one side, never two.
 * A group's place is a number in [0, 1) from SHA-256(seed:group), so it depends only on the seed and the group's name:
 * deterministic across runs and machines, independent of the order of the dialogues and of what else is in the corpus.
 * <ul>
 * <li>{@link #partOf}: validation when the number falls below the ratio (the corpus-service's export, one dialogue at a
 * time; the share of groups is close to, not exactly, the ratio);</li>
 * <li>{@link #holdOut}: the same rule over a list, with at least one held-out group when there are two or more (none
 * when there is one);</li>
 * <li>{@link #folds}: the groups sorted by their number and dealt round-robin, so k folds differ by one group at most.</li>
 * </ul>
 */
public final class GroupedSplit {

	public static final String TRAIN = "train";

	public static final String VALIDATION = "validation";

	private final String seed;

	private final double validationRatio;

	public GroupedSplit(long seed, double validationRatio) {
		this.seed = Long.toString(seed);
		this.validationRatio = validationRatio;
	}

	/** {@value #VALIDATION} or {@value #TRAIN}. */
	public String partOf(String group) {
		return heldOut(group) ? VALIDATION : TRAIN;
	}

	public boolean heldOut(String group) {
		return position(this.seed, group) < this.validationRatio;
	}

	/** Training and held-out items; the held-out side is {@code fraction} of the groups (see {@link #partOf}). */
	public static <T> Split<T> holdOut(List<T> items, Function<T, String> groupOf, double fraction, long seed) {
		GroupedSplit split = new GroupedSplit(seed, fraction);
		List<String> groups = byPosition(items, groupOf, seed);
		// one group cannot be split; with two or more, at least one is held out
		List<String> held = groups.size() < 2 ? List.of() : groups.stream().filter(split::heldOut).toList();
		if (held.isEmpty() && groups.size() >= 2 && fraction > 0) {
			held = groups.subList(0, 1);
		}
		Set<String> test = new HashSet<>(held);
		List<T> train = new ArrayList<>();
		List<T> validation = new ArrayList<>();
		for (T item : items) {
			(test.contains(groupOf.apply(item)) ? validation : train).add(item);
		}
		return new Split<>(train, validation);
	}

	/** The fold (0 … folds-1) of each item, whole groups to a fold. */
	public static <T> int[] folds(List<T> items, Function<T, String> groupOf, int folds, long seed) {
		List<String> groups = byPosition(items, groupOf, seed);
		Map<String, Integer> foldOfGroup = new HashMap<>();
		for (int i = 0; i < groups.size(); i++) {
			foldOfGroup.put(groups.get(i), i % folds);
		}
		return items.stream().mapToInt(item -> foldOfGroup.get(groupOf.apply(item))).toArray();
	}

	/** Fold {@code fold} held out, the other folds for training. */
	public static <T> Split<T> fold(List<T> items, int[] foldOf, int fold) {
		List<T> train = new ArrayList<>();
		List<T> test = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			(foldOf[i] == fold ? test : train).add(items.get(i));
		}
		return new Split<>(train, test);
	}

	private static <T> List<String> byPosition(List<T> items, Function<T, String> groupOf, long seed) {
		String seedText = Long.toString(seed);
		Map<String, Double> positions = new HashMap<>();
		for (T item : items) {
			positions.computeIfAbsent(groupOf.apply(item), group -> position(seedText, group));
		}
		List<String> groups = new ArrayList<>(positions.keySet());
		groups.sort(Comparator.<String>comparingDouble(positions::get).thenComparing(Comparator.naturalOrder()));
		return groups;
	}

	/** A uniform number in [0, 1) from the first 53 bits of SHA-256(seed:group). */
	static double position(String seed, String group) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((seed + ":" + group).getBytes(StandardCharsets.UTF_8));
			long bits = 0;
			for (int i = 0; i < 8; i++) {
				bits = (bits << 8) | (digest[i] & 0xFF);
			}
			return (bits >>> 11) / (double) (1L << 53);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The two sides of a split. */
	public record Split<T>(List<T> train, List<T> test) {
	}
}
