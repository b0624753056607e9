package dev.emotionmonitor.corpus.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;
import dev.emotionmonitor.corpus.ingest.CommittedImports;
import dev.emotionmonitor.corpus.ingest.CommittedImports.Committed;
import dev.emotionmonitor.corpus.ingest.LengthStats;

/**
 * Corpus statistics, summed from the figures each completed import recorded (imports deduplicate, so they add up):
 * no scan over the dialogues, fast on the embedded store too.
 */
@RestController
class StatsController {

	private final CommittedImports committed;

	StatsController(CommittedImports committed) {
		this.committed = committed;
	}

	@GetMapping("/stats")
	Mono<StatsView> stats(@RequestParam(required = false) String dataset,
			@RequestParam(required = false) String split) {
		return this.committed.select(dataset, split).map(imports -> {
			Map<String, List<Committed>> bySplit = new TreeMap<>();
			TreeSet<String> datasets = new TreeSet<>();
			for (Committed one : imports) {
				bySplit.computeIfAbsent(one.split(), key -> new ArrayList<>()).add(one);
				datasets.add(one.dataset());
			}
			Figures all = Figures.of(imports);
			Map<String, SplitView> splits = new LinkedHashMap<>();
			for (String name : List.of("train", "validation", "test")) {
				if (bySplit.containsKey(name)) {
					Figures figures = Figures.of(bySplit.get(name));
					splits.put(name, new SplitView(figures.total(), figures.counts()));
				}
			}
			return new StatsView(blankToNull(dataset), blankToNull(split), List.copyOf(datasets), imports.size(),
					all.total(), all.counts(), all.classes(), splits, TextLength.of(all.lengths()));
		});
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/**
	 * @param counts dialogues per class id, always all six in canonical order
	 * @param splits per split (train, validation, test) present
	 */
	record StatsView(String dataset, String split, List<String> datasets, int imports, long total,
			Map<String, Long> counts, List<ClassView> classes, Map<String, SplitView> splits, TextLength textLength) {
	}

	record SplitView(long total, Map<String, Long> counts) {
	}

	record ClassView(String id, String labelKo, long count, List<FineView> fineLabels) {
	}

	record FineView(String code, String name, long count) {
	}

	/**
	 * Length in characters of the person's utterances (HS01…HS04 joined by spaces).
	 *
	 * @param buckets {@code [{"from": 0, "to": 19, "count": n}, …]}, the last open-ended
	 */
	record TextLength(long count, int min, int max, double mean, List<Bucket> buckets) {

		static TextLength of(LengthStats stats) {
			List<Bucket> buckets = new ArrayList<>();
			int from = 0;
			for (int i = 0; i < stats.buckets().size(); i++) {
				Integer to = i < LengthStats.UPPER_BOUNDS.length ? LengthStats.UPPER_BOUNDS[i] - 1 : null;
				buckets.add(new Bucket(from, to, stats.buckets().get(i)));
				from = to == null ? from : to + 1;
			}
			double mean = stats.count() == 0 ? 0 : Math.round(stats.sum() * 10.0 / stats.count()) / 10.0;
			return new TextLength(stats.count(), stats.min(), stats.max(), mean, buckets);
		}
	}

	record Bucket(int from, Integer to, long count) {
	}

	private record Figures(long total, Map<String, Long> counts, List<ClassView> classes, LengthStats lengths) {

		static Figures of(List<Committed> imports) {
			Map<String, Long> byCode = new TreeMap<>();
			LengthStats lengths = LengthStats.empty();
			for (Committed one : imports) {
				one.acceptedByCode().forEach((code, count) -> byCode.merge(code, count, Long::sum));
				lengths = lengths.plus(one.personLength());
			}
			Map<String, Long> counts = new LinkedHashMap<>();
			List<ClassView> classes = new ArrayList<>();
			long total = 0;
			for (Emotion emotion : Emotion.ALL) {
				long classTotal = 0;
				List<FineView> fine = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					String code = "E" + (emotion.tensDigit() * 10 + i);
					long count = byCode.getOrDefault(code, 0L);
					classTotal += count;
					if (count > 0) {
						fine.add(new FineView(code, FineLabels.name(code), count));
					}
				}
				counts.put(emotion.id(), classTotal);
				classes.add(new ClassView(emotion.id(), emotion.korean(), classTotal, fine));
				total += classTotal;
			}
			return new Figures(total, counts, classes, lengths);
		}
	}
}
