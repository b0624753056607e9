package dev.emotionmonitor.corpus.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;
import dev.emotionmonitor.aihub.SyntheticCorpus;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus-service's own store queries, run through its API: two imports committed (train and test splits), the
 * import list newest first with its filters, dialogue paging (every dialogue once) and each filter (split, label, code,
 * group, a literal text search), one dialogue by key, stats from the committed imports, and deleting an import with its
 * dialogues. Subclassed once for the embedded store and once for {@code mongo:8}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.corpus.imports.progress-interval=100ms",
				"emotion.store.embedded.path=target/contract-store", "emotion.test.context=store-contract" })
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CorpusStoreContract {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final int TRAIN = 60;

	private static final int TEST = 12;

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveMongoTemplate mongo;

	String trainImport;

	String testImport;

	@BeforeAll
	void importTrainAndTest(@TempDir Path work) throws IOException {
		List<JsonDialogue> all = StreamSupport.stream(SyntheticCorpus.json(TRAIN + TEST).spliterator(), false).toList();
		Path train = work.resolve("train.json");
		CorpusFiles.writeLabelingJson(train, all.subList(0, TRAIN));
		Path test = work.resolve("test.json");
		CorpusFiles.writeLabelingJson(test, all.subList(TRAIN, TRAIN + TEST));
		this.trainImport = importFile(train, "train");
		this.testImport = importFile(test, "test");
	}

	@Test
	@SuppressWarnings("unchecked")
	void importsListNewestFirstAndFilterByDatasetAndStatus() {
		Map<String, Object> list = get("/imports?dataset=contract&status=completed");
		assertThat(ids(list)).containsExactly(this.testImport, this.trainImport);
		assertThat(((Number) list.get("total")).intValue()).isEqualTo(2);
		assertThat(ids(get("/imports?dataset=contract&page=1&size=1"))).containsExactly(this.trainImport);
		assertThat(ids(get("/imports?dataset=contract&status=failed"))).isEmpty();
		assertThat(ids(get("/imports?dataset=nothing-like-it"))).isEmpty();
		Map<String, Object> progress = (Map<String, Object>) get("/imports/" + this.trainImport).get("progress");
		assertThat(progress).containsEntry("accepted", TRAIN).containsEntry("rejected", 0);
	}

	@Test
	void importsOfOneInstantPageEachOnceInIdOrder() {
		Document template = this.mongo.findById(this.trainImport, Document.class, "imports").block();
		Date created = Date.from(Instant.parse("2001-02-03T04:05:06Z"));
		List<String> stored = new ArrayList<>();
		// stored out of id order: only the _id tiebreaker gives the imports of one instant a single order
		for (int i : new int[] { 3, 0, 5, 1, 4, 2 }) {
			stored.add("tie-import-" + i);
			this.mongo.insert(new Document(template).append("_id", "tie-import-" + i).append("dataset", "contract-tie")
				.append("createdAt", created), "imports").block();
		}
		try {
			List<String> paged = new ArrayList<>();
			for (int page = 0; page < 3; page++) {
				paged.addAll(ids(get("/imports?dataset=contract-tie&size=2&page=" + page)));
			}
			assertThat(paged).as("pages of two: every import once, ties by id, newest first")
				.containsExactlyElementsOf(stored.stream().sorted(Comparator.reverseOrder()).toList());
		}
		finally {
			this.mongo.remove(Query.query(Criteria.where("_id").in(stored)), "imports").block();
		}
	}

	@Test
	void dialoguePagesHoldEveryDialogueOnce() {
		Set<String> seen = new HashSet<>();
		List<String> paged = new ArrayList<>();
		for (int page = 0; page * 7 < TRAIN + TEST; page++) {
			Map<String, Object> body = get("/dialogues?dataset=contract&size=7&page=" + page);
			assertThat(((Number) body.get("total")).intValue()).isEqualTo(TRAIN + TEST);
			for (String id : dialogueIds(body)) {
				assertThat(seen.add(id)).as("%s on one page only", id).isTrue();
				paged.add(id);
			}
		}
		assertThat(paged).hasSize(TRAIN + TEST);
		assertThat(dialogueIds(get("/dialogues?dataset=contract&size=7&page=11"))).isEmpty();
	}

	@Test
	void dialogueFiltersSelectWhatTheyName() {
		assertThat(total("/dialogues?dataset=contract&split=test&size=100")).isEqualTo(TEST);
		assertThat(dialogueIds(get("/dialogues?dataset=contract&split=test&size=100")))
			.allSatisfy(id -> assertThat(number(id)).isGreaterThanOrEqualTo(TRAIN));
		long joy = IntStream.range(0, TRAIN + TEST).filter(i -> SyntheticCorpus.code(i).startsWith("E6")).count();
		assertThat(total("/dialogues?dataset=contract&label=joy&size=100")).isEqualTo(joy);
		assertThat(dialogueIds(get("/dialogues?dataset=contract&label=joy&size=100")))
			.allSatisfy(id -> assertThat(SyntheticCorpus.code(number(id))).startsWith("E6"));
		assertThat(dialogueIds(get("/dialogues?dataset=contract&code=E15&size=100")))
			.containsExactlyInAnyOrder("contract/t:Pro_00001_00005", "contract/t:Pro_00013_00065");
		assertThat(total("/dialogues?dataset=contract&group=persona:00002&size=100")).isEqualTo(5);
		// the text search is literal: "(7)" is not a regular-expression group matching every 7
		assertThat(dialogueIds(get("/dialogues?dataset=contract&q=(7)&size=100")))
			.containsExactly("contract/t:Pro_00001_00007");
		assertThat(total("/dialogues?dataset=contract&split=test&q=(7)&size=100")).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void oneDialogueByKeyAndStatsFromTheCommittedImports() {
		Map<String, Object> one = get("/dialogues/contract/t:Pro_00002_00011");
		assertThat(one).containsEntry("code", SyntheticCorpus.code(11)).containsEntry("split", "train");
		http.get().uri("/dialogues/contract/t:no-such-talk").exchange().expectStatus().isNotFound();

		Map<String, Object> stats = get("/stats?dataset=contract");
		assertThat(((Number) stats.get("total")).intValue()).isEqualTo(TRAIN + TEST);
		Map<String, Map<String, Object>> splits = (Map<String, Map<String, Object>>) stats.get("splits");
		assertThat(splits.get("train")).containsEntry("total", TRAIN);
		assertThat(splits.get("test")).containsEntry("total", TEST);
		Map<String, Number> counts = (Map<String, Number>) stats.get("counts");
		assertThat(counts.values().stream().mapToInt(Number::intValue).sum()).isEqualTo(TRAIN + TEST);
	}

	@Test
	void deletingAnImportRemovesItsDialogues() throws IOException {
		Path extra = Files.createTempFile("contract-extra-", ".json");
		CorpusFiles.writeLabelingJson(extra, List.of(JsonDialogue.of("extra-1", "E21", "지워질 대화예요"),
				JsonDialogue.of("extra-2", "E31", "이것도 지워져요")));
		String id = importFile(extra, "validation", "contract-deleted");
		assertThat(total("/dialogues?dataset=contract-deleted")).isEqualTo(2);
		http.delete().uri("/imports/{id}", id).exchange().expectStatus().is2xxSuccessful();
		http.get().uri("/dialogues?dataset=contract-deleted").exchange().expectStatus().isNotFound();
		http.get().uri("/dialogues/contract-deleted/t:extra-1").exchange().expectStatus().isNotFound();
		assertThat(total("/dialogues?dataset=contract&size=1")).as("the other dataset is untouched")
			.isEqualTo(TRAIN + TEST);
		Files.deleteIfExists(extra);
	}

	private String importFile(Path file, String split) {
		return importFile(file, split, "contract");
	}

	private String importFile(Path file, String split, String dataset) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new FileSystemResource(file)).filename(file.getFileName().toString());
		form.part("dataset", dataset);
		form.part("split", split);
		String id = (String) http.post().uri("/imports").contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form.build())).exchange().expectStatus().isAccepted()
			.expectBody(MAP).returnResult().getResponseBody().get("id");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		Map<String, Object> job = get("/imports/" + id);
		while ("running".equals(job.get("status")) && System.nanoTime() < deadline) {
			Mono.delay(Duration.ofMillis(50)).block();
			job = get("/imports/" + id);
		}
		assertThat(job.get("status")).as("import %s", job).isEqualTo("completed");
		return id;
	}

	/** The synthetic corpus numbers its talks {@code Pro_<persona>_<n>}. */
	private static int number(String dialogueId) {
		return Integer.parseInt(dialogueId.substring(dialogueId.lastIndexOf('_') + 1));
	}

	private long total(String uri) {
		return ((Number) get(uri).get("total")).longValue();
	}

	private Map<String, Object> get(String uri) {
		return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
	}

	private static List<String> dialogueIds(Map<String, Object> page) {
		return ids(page);
	}
}
