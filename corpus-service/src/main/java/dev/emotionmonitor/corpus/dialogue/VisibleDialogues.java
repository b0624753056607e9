package dev.emotionmonitor.corpus.dialogue;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;
import dev.emotionmonitor.corpus.ingest.CommittedImports;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Criteria that see only dialogues of completed imports, plus the filters callers may add. */
@Component
public class VisibleDialogues {

	private final CommittedImports committed;

	VisibleDialogues(CommittedImports committed) {
		this.committed = committed;
	}

	public Mono<Criteria> criteria(String dataset, String split) {
		return criteria(new Filter(dataset, split, null, null, null, null));
	}

	/**
	 * @param label a class id (anger … joy)
	 * @param code  a fine code (E10 … E69)
	 * @param text  a substring of the person's first utterance (HS01)
	 */
	public record Filter(String dataset, String split, String label, String code, String group, String text) {

		/** A blank parameter ({@code ?split=}) means "any", as if it were not given. */
		public Filter {
			dataset = dataset == null || dataset.isBlank() ? null : dataset;
			split = split == null || split.isBlank() ? null : split;
		}
	}

	public Mono<Criteria> criteria(Filter filter) {
		if (filter.label() != null && Emotion.byId(filter.label()).isEmpty()) {
			return Mono.error(Problems.badRequest("label \"" + filter.label()
					+ "\" is not a class id; use anger, sadness, anxiety, hurt, embarrassment or joy"));
		}
		if (filter.code() != null && !FineLabels.isCode(filter.code())) {
			return Mono.error(Problems.badRequest("code \"" + filter.code() + "\" is not an AI Hub code (E10–E69)"));
		}
		return this.committed.ids(filter.dataset(), filter.split()).map(ids -> {
			Criteria criteria = where("importId").in(ids);
			if (filter.dataset() != null) {
				criteria = criteria.and("dataset").is(filter.dataset());
			}
			if (filter.split() != null) {
				criteria = criteria.and("split").is(filter.split());
			}
			if (filter.label() != null) {
				criteria = criteria.and("label").is(filter.label());
			}
			if (filter.code() != null) {
				criteria = criteria.and("code").is(filter.code());
			}
			if (filter.group() != null) {
				criteria = criteria.and("group").is(filter.group());
			}
			if (filter.text() != null && !filter.text().isBlank()) {
				criteria = criteria.and("content.HS01").regex(Pattern.quote(filter.text().strip()));
			}
			return criteria;
		});
	}
}
