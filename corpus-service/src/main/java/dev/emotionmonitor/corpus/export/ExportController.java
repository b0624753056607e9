package dev.emotionmonitor.corpus.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.corpus.dialogue.Dialogue;
import dev.emotionmonitor.corpus.dialogue.VisibleDialogues;
import dev.emotionmonitor.aihub.GroupedSplit;
import dev.emotionmonitor.common.emotion.Emotion;

/**
 * The trainer's input: {@code GET /exports/training.jsonl} streams one {@code {text, label, label_ko, code, group}}
 * line per dialogue; {@code part} with {@code seed} and {@code validation_ratio} selects one side of a grouped split,
 * which {@code GET /splits} summarises.
 */
@RestController
class ExportController {

	private static final Set<String> FIELDS = Set.copyOf(Dialogue.TEXT_FIELDS);

	private final ReactiveMongoTemplate mongo;

	private final VisibleDialogues visible;

	ExportController(ReactiveMongoTemplate mongo, VisibleDialogues visible) {
		this.mongo = mongo;
		this.visible = visible;
	}

	@GetMapping(path = "/exports/training.jsonl", produces = MediaType.APPLICATION_NDJSON_VALUE)
	Flux<TrainingLine> training(@RequestParam(required = false) String dataset,
			@RequestParam(required = false) String split,
			@RequestParam(defaultValue = "HS01,HS02,HS03") String fields, @RequestParam(required = false) String part,
			@RequestParam(defaultValue = "42") long seed,
			@RequestParam(name = "validation_ratio", defaultValue = "0.1") double validationRatio) {
		List<String> textFields = fields(fields);
		GroupedSplit grouped = grouped(validationRatio, seed);
		if (part != null && !part.equals("train") && !part.equals("validation")) {
			return Flux.error(Problems.badRequest("part \"" + part + "\" must be train or validation"));
		}
		return dialogues(dataset, split).filter(dialogue -> part == null || part.equals(grouped.partOf(dialogue.group())))
			.mapNotNull(dialogue -> {
				String text = text(dialogue, textFields);
				return text.isEmpty() ? null
						: new TrainingLine(text, dialogue.label(), dialogue.labelKo(), dialogue.code(), dialogue.group());
			});
	}

	/** One line of the training export. */
	record TrainingLine(String text, String label, String labelKo, String code, String group) {
	}

	/** How a grouped split with this seed and ratio divides the corpus: groups, dialogues and classes per side. */
	@GetMapping("/splits")
	Mono<SplitSummary> split(@RequestParam(required = false) String dataset,
			@RequestParam(required = false) String split, @RequestParam(defaultValue = "42") long seed,
			@RequestParam(name = "validation_ratio", defaultValue = "0.1") double validationRatio) {
		GroupedSplit grouped = grouped(validationRatio, seed);
		Map<String, Side> sides = new LinkedHashMap<>();
		sides.put(GroupedSplit.TRAIN, new Side());
		sides.put(GroupedSplit.VALIDATION, new Side());
		return dialogues(dataset, split).doOnNext(dialogue -> {
			Side side = sides.get(grouped.partOf(dialogue.group()));
			side.groups.add(dialogue.group());
			side.counts.merge(dialogue.label(), 1L, Long::sum);
		}).then(Mono.fromSupplier(() -> {
			Map<String, SideView> views = new LinkedHashMap<>();
			sides.forEach((name, side) -> views.put(name, side.view()));
			return new SplitSummary(seed, validationRatio, views.get(GroupedSplit.TRAIN), views.get(GroupedSplit.VALIDATION));
		}));
	}

	record SplitSummary(long seed, double validationRatio, SideView train, SideView validation) {
	}

	record SideView(long groups, long dialogues, Map<String, Long> counts) {
	}

	private static final class Side {

		private final Set<String> groups = new HashSet<>();

		private final Map<String, Long> counts = new LinkedHashMap<>();

		SideView view() {
			Map<String, Long> ordered = new LinkedHashMap<>();
			long total = 0;
			for (Emotion emotion : Emotion.ALL) {
				long count = this.counts.getOrDefault(emotion.id(), 0L);
				ordered.put(emotion.id(), count);
				total += count;
			}
			return new SideView(this.groups.size(), total, ordered);
		}
	}

	private Flux<ExportRow> dialogues(String dataset, String split) {
		return this.visible.criteria(dataset, split).flatMapMany(criteria -> page(criteria, 0));
	}

	/**
	 * Pages of a few thousand projected dialogues in natural order, so memory stays flat on both stores: the embedded
	 * one materialises a query's whole result (and a sort's input), MongoDB keeps the plan and so the order.
	 */
	private Flux<ExportRow> page(Criteria criteria, long skip) {
		Query query = Query.query(criteria).skip(skip).limit(PAGE);
		query.fields().include("label", "labelKo", "code", "group", "content");
		return this.mongo.find(query, Document.class, "dialogues").map(ExportRow::of).collectList().flatMapMany(rows -> {
			Flux<ExportRow> these = Flux.fromIterable(rows);
			return rows.size() < PAGE ? these : these.concatWith(Flux.defer(() -> page(criteria, skip + PAGE)));
		});
	}

	private static final int PAGE = 20_000;

	private record ExportRow(String label, String labelKo, String code, String group, Map<String, String> content) {

		static ExportRow of(Document document) {
			Map<String, String> content = new LinkedHashMap<>();
			Document texts = document.get("content", Document.class);
			if (texts != null) {
				texts.forEach((field, value) -> content.put(field, String.valueOf(value)));
			}
			return new ExportRow(document.getString("label"), document.getString("labelKo"),
					document.getString("code"), document.getString("group"), content);
		}
	}

	private static GroupedSplit grouped(double validationRatio, long seed) {
		if (!(validationRatio >= 0 && validationRatio <= 1)) {
			throw Problems.badRequest("validation_ratio must be between 0 and 1");
		}
		return new GroupedSplit(seed, validationRatio);
	}

	private static List<String> fields(String fields) {
		List<String> selected = new ArrayList<>();
		for (String field : fields.split(",")) {
			String name = field.strip().toUpperCase(java.util.Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			if (!FIELDS.contains(name)) {
				throw Problems.badRequest("Unknown text field \"" + field.strip() + "\"; use any of " + Dialogue.TEXT_FIELDS);
			}
			selected.add(name);
		}
		if (selected.isEmpty()) {
			throw Problems.badRequest("fields must name at least one text field, e.g. HS01,HS02,HS03");
		}
		return selected;
	}

	private static String text(ExportRow dialogue, List<String> fields) {
		StringBuilder text = new StringBuilder();
		for (String field : fields) {
			String value = dialogue.content() == null ? null : dialogue.content().get(field);
			if (value != null && !value.isBlank()) {
				if (!text.isEmpty()) {
					text.append(' ');
				}
				text.append(value);
			}
		}
		return text.toString();
	}
}
