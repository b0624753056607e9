package dev.emotionmonitor.corpus.dialogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.corpus.ingest.CommittedImports;


/** Browsing the imported corpus: paged and filtered listing, one dialogue, a random sample. */
@RestController
@RequestMapping("/dialogues")
class DialogueController {

	private final ReactiveMongoTemplate mongo;

	private final VisibleDialogues visible;

	private final CommittedImports committed;

	DialogueController(ReactiveMongoTemplate mongo, VisibleDialogues visible, CommittedImports committed) {
		this.mongo = mongo;
		this.visible = visible;
		this.committed = committed;
	}

	@GetMapping
	Mono<ItemPage<DialogueView>> list(@RequestParam(required = false) String dataset,
			@RequestParam(required = false) String split, @RequestParam(required = false) String label,
			@RequestParam(required = false) String code, @RequestParam(required = false) String group,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		ItemPage.check(page, size, 200);
		VisibleDialogues.Filter filter = new VisibleDialogues.Filter(dataset, split, label, code, group, q);
		return this.visible.criteria(filter)
			.flatMap(criteria -> {
				Mono<Long> total = group == null && (q == null || q.isBlank())
						? countedAtImport(filter.dataset(), filter.split(), label, code) : countIds(criteria);
				Mono<List<DialogueView>> items = this.mongo
					// natural (insertion) order: a sort would make the embedded store hold the whole dataset
					.find(Query.query(criteria).skip((long) page * size).limit(size), Dialogue.class)
					.map(DialogueView::of)
					.collectList();
				return Mono.zip(items, total);
			})
			.map(both -> new ItemPage<>(both.getT1(), page, size, both.getT2()));
	}

	/**
	 * The count from the figures each completed import recorded (exact: imports deduplicate). A count query would
	 * make the embedded store materialise every matching dialogue.
	 */
	private Mono<Long> countedAtImport(String dataset, String split, String label, String code) {
		return this.committed.find(dataset, split)
			.flatMapIterable(imported -> imported.acceptedByCode().entrySet())
			.filter(entry -> code == null || code.equals(entry.getKey()))
			.filter(entry -> label == null
					|| Emotion.byCode(entry.getKey()).map(Emotion::id).orElse("").equals(label))
			.reduce(0L, (sum, entry) -> sum + entry.getValue());
	}

	/** Counts through a projection of ids, which both stores stream without holding whole dialogues. */
	private Mono<Long> countIds(Criteria criteria) {
		Query ids = Query.query(criteria);
		ids.fields().include("_id");
		return this.mongo.find(ids, Document.class, "dialogues").count();
	}

	@GetMapping("/{dataset}/{key}")
	Mono<DialogueView> find(@PathVariable String dataset, @PathVariable String key) {
		String id = dataset + "/" + key;
		return this.visible.criteria(dataset, null)
			.flatMap(criteria -> this.mongo.findOne(Query.query(criteria.and("_id").is(id)), Dialogue.class))
			.map(DialogueView::of)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No dialogue " + id)));
	}

	/**
	 * A uniformly random sample of the dialogues the filters select: their ids are read (a small projection), k are
	 * drawn, and only those are loaded. Unlike {@code $sample}, memory stays small on the embedded store too.
	 */
	@GetMapping("/sample")
	Mono<SampleView> sample(@RequestParam(required = false) String dataset,
			@RequestParam(required = false) String split, @RequestParam(required = false) String label,
			@RequestParam(required = false) String code, @RequestParam(defaultValue = "10") int size,
			@RequestParam(required = false) Long seed) {
		if (size < 1 || size > 200) {
			return Mono.error(Problems.badRequest("size must be between 1 and 200"));
		}
		Random random = seed != null ? new Random(seed) : new Random();
		return this.visible.criteria(new VisibleDialogues.Filter(dataset, split, label, code, null, null))
			.flatMap(criteria -> {
				Query ids = Query.query(criteria);
				ids.fields().include("_id");
				return this.mongo.find(ids, Document.class, "dialogues").map(id -> id.getString("_id")).collectList();
			})
			.flatMap(ids -> {
				List<String> drawn = new ArrayList<>(ids);
				Collections.sort(drawn);
				Collections.shuffle(drawn, random);
				return Flux.fromIterable(drawn.subList(0, Math.min(size, drawn.size())))
					.concatMap(id -> this.mongo.findById(id, Dialogue.class))
					.map(DialogueView::of)
					.collectList();
			})
			.map(SampleView::new);
	}

	record SampleView(List<DialogueView> items) {
	}

}
