package dev.emotionmonitor.aihub;

import java.util.List;
import java.util.Map;

/** What a corpus reader yields for each record of a file: a dialogue, or the reason the record was skipped. */
public sealed interface ParsedRecord permits ParsedRecord.ParsedDialogue, ParsedRecord.RejectedRecord {

	/** The utterances of a dialogue in their order: person (HS) and system (SS), up to four turns. */
	List<String> TEXT_FIELDS = List.of("HS01", "SS01", "HS02", "SS02", "HS03", "SS03", "HS04", "SS04");

	/** 1-based number of the record among the file's records (dialogues, or data rows of a sheet). */
	long record();

	/**
	 * @param key     {@code t:<talk id>}, or {@code h:<content hash>} when the file carries no talk id
	 * @param row     the spreadsheet row (1-based, header = row 1); null for labeling JSON
	 * @param content utterances keyed HS01, SS01 …; only non-empty ones
	 */
	record ParsedDialogue(long record, Long row, String key, String talkId, String profileId, String personaId,
			String age, String gender, List<String> situation, String disease, String code, String group,
			Map<String, String> content) implements ParsedRecord {
	}

	record RejectedRecord(long record, Long row, String talkId, String reason) implements ParsedRecord {
	}
}
