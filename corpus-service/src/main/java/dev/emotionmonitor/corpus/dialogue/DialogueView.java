package dev.emotionmonitor.corpus.dialogue;

import java.util.List;
import java.util.Map;

/**
 * A stored dialogue as the API shows it: {@code label}/{@code label_ko} the major class, {@code code}/
 * {@code fine_label} the AI Hub fine label, {@code content} the utterances keyed HS01, SS01, HS02 ….
 *
 * @param source record number (labeling JSON) or sheet row it came from
 */
record DialogueView(String id, String dataset, String split, String talkId, String profileId, String personaId,
		String age, String gender, List<String> situation, String disease, String label, String labelKo, String code,
		String fineLabel, String group, Map<String, String> content, long source) {

	static DialogueView of(Dialogue dialogue) {
		return new DialogueView(dialogue.id(), dialogue.dataset(), dialogue.split(), dialogue.talkId(),
				dialogue.profileId(), dialogue.personaId(), dialogue.age(), dialogue.gender(), dialogue.situation(),
				dialogue.disease(), dialogue.label(), dialogue.labelKo(), dialogue.code(), dialogue.fineLabel(),
				dialogue.group(), dialogue.content(), dialogue.source());
	}
}
