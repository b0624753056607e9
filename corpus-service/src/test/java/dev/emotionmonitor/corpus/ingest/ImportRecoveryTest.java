package dev.emotionmonitor.corpus.ingest;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.emotionmonitor.corpus.CorpusApiTestSupport;
import dev.emotionmonitor.corpus.dialogue.Dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/** An import a crashed process left running is undone on the next start: failed, its dialogues gone, dataset free. */
class ImportRecoveryTest extends CorpusApiTestSupport {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	ImportService imports;

	@Test
	void importLeftRunningByACrashIsUndoneAtStart() {
		ImportJob crashed = new ImportJob("crashed-import", "crashed", "train", "labeling-json", "big.json", "path",
				ImportJob.RUNNING, Instant.now(), null, ImportJob.Counts.NONE, ImportJob.Report.EMPTY, null);
		this.mongo.insert(crashed).block();
		this.mongo.insertAll(List.of(dialogue("crashed/t:1"), dialogue("crashed/t:2"))).then().block();
		this.mongo.insert(new Document("_id", "crashed").append("importId", "crashed-import")
			.append("since", Date.from(Instant.now())), ImportLocks.COLLECTION).block();
		this.mongo.insert(new Document("_id", "stale").append("importId", "never-recorded")
			.append("since", Date.from(Instant.now())), ImportLocks.COLLECTION).block();

		this.imports.run(null);

		JsonNode job = getJson("/imports/crashed-import");
		assertThat(job.path("status").asString()).isEqualTo("failed");
		assertThat(job.path("problem").path("detail").asString()).contains("stopped while this import was running");
		assertThat(this.mongo.count(Query.query(where("importId").is("crashed-import")), Dialogue.class).block()).isZero();
		assertThat(this.mongo.count(new Query(), ImportLocks.COLLECTION).block()).as("both locks released").isZero();
	}

	private static Dialogue dialogue(String id) {
		return new Dialogue(id, "crashed", "train", "crashed-import", id.substring(10), null, null, null, null,
				List.of(), null, "E10", "anger", "분노", "분노", "persona:x", Map.of("HS01", "화가 나"), 4, 1);
	}
}
