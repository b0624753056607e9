package dev.emotionmonitor.corpus.dialogue;

import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.emotionmonitor.aihub.ParsedRecord;

/**
 * One stored dialogue. {@code id} is {@code <dataset>/t:<talk id>} (labeling JSON) or {@code <dataset>/h:<content
 * hash>} (sheets), which makes a re-import idempotent. Only dialogues whose {@code importId} belongs to a completed
 * import are visible to readers.
 *
 * @param content      the utterances keyed HS01, SS01, HS02 … (person HS, system SS); empty ones are left out
 * @param group        persona/situation block; consecutive dialogues of a persona are near-duplicates
 * @param personLength characters of the person's utterances together (for the length distribution)
 * @param source       record number (labeling JSON, 1-based) or row number (sheets) in the imported file
 */
@Document("dialogues")
public record Dialogue(@Id String id, String dataset, String split, String importId, String talkId, String profileId,
		String personaId, String age, String gender, List<String> situation, String disease, String code, String label,
		String labelKo, String fineLabel, String group, Map<String, String> content, int personLength, long source) {

	public static final List<String> TEXT_FIELDS = ParsedRecord.TEXT_FIELDS;
}
