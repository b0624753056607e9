package dev.emotionmonitor.scraper.browser;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import dev.emotionmonitor.scraper.support.ChatFixture;
import dev.emotionmonitor.scraper.support.FakeClassifier;
import dev.emotionmonitor.scraper.support.FakeDashboard;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web source re-reads what it sees, in real headless Chromium with the outbox on: after the channel page changed
 * (a message edited, shown with "(수정됨)", one deleted), a second run that scrolls through part of the channel updates
 * the edit in place and has it classified again, marks the deleted message deleted and withdraws its observations, and
 * leaves alone what it did not scroll to, even a message deleted there.
 */
class WebEditsAndDeletionsTest {

	@AutoClose
	static final ChatFixture page = new ChatFixture(150, 7, 10, 30);

	// one round without a new item ends a run: the second run stops where the page's history stops loading
	@AutoClose
	static final ScraperClient.WithOutbox outbox = new ScraperClient.WithOutbox(
			"--emotion.scraper.web.poll-interval=40ms", "--emotion.scraper.web.idle-rounds=1",
			"--emotion.scraper.web.round-timeout=1500ms");

	static final FakeClassifier classifier = outbox.classifier;

	static final FakeDashboard dashboard = outbox.dashboard;

	static final ScraperClient scraper = outbox.client;

	@BeforeAll
	static void servePage() {
		page.start();
	}

	@Test
	void aSecondRunUpdatesAnEditMarksADeletedMessageAndLeavesWhatItDidNotSeeAlone() {
		String sourceId = scraper.createSource(Map.of("name", "web edits", "kind", "web", "url", page.channelUrl(),
				"channel_name", "web-reflection"));
		JsonNode first = scraper.awaitRun(scraper.startRun(sourceId));
		assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("succeeded");
		assertThat(first.path("new").asLong()).isEqualTo(150);
		scraper.awaitDelivered(first.path("id").asString());

		List<ChatFixture.Message> messages = page.messages();
		// a plain chat line that heads its group, so that deleting it changes no other item's author
		IntPredicate plain = i -> !messages.get(i).reflection() && !messages.get(i + 1).followUp();
		int oldestSeen = first(75, i -> !messages.get(i).followUp());
		int deleted = first(oldestSeen + 10, plain);
		int edited = first(deleted + 5, plain);
		int deletedUnseen = first(20, plain);
		String editedId = messages.get(edited).id();
		String deletedId = messages.get(deleted).id();
		String unseenId = messages.get(deletedUnseen).id();
		String oldText = messages.get(edited).text();
		for (String id : List.of(editedId, deletedId, unseenId)) {
			assertThat(dashboard.observations()).containsKey(FakeDashboard.key("discord", id, "whole"));
		}

		Instant editedAt = messages.get(edited).at().plusSeconds(600);
		page.editedLabel("(수정됨)");
		page.edit(edited, "다시 생각해보니 너무 우울했다", editedAt);
		page.delete(deleted);
		page.delete(deletedUnseen);
		page.historyFrom(oldestSeen);

		JsonNode second = scraper.awaitRun(scraper.startRun(sourceId));
		assertThat(second.path("status").asString()).as(second.toString()).isEqualTo("succeeded");
		assertThat(second.path("seen").asLong()).isEqualTo(150 - oldestSeen - 1);
		assertThat(second.path("new").asLong()).isZero();
		assertThat(second.path("updated").asLong()).isEqualTo(1);
		assertThat(second.path("deleted").asLong()).isEqualTo(1);
		assertThat(second.path("deletions_skipped").isMissingNode()).isTrue();
		String secondRun = second.path("id").asString();
		scraper.awaitDelivered(secondRun);

		// the edit, in place: the words without the marker, its edit time, classified again
		JsonNode edit = scraper.get("/messages/" + editedId);
		assertThat(edit.path("revision").asInt()).isEqualTo(2);
		assertThat(edit.path("content_raw").asString()).isEqualTo("다시 생각해보니 너무 우울했다");
		assertThat(edit.path("text").asString()).isEqualTo("다시 생각해보니 너무 우울했다");
		assertThat(Instant.parse(edit.path("edited_at").asString())).isEqualTo(editedAt);
		assertThat(edit.path("delivery").asString()).isEqualTo("delivered");
		assertThat(edit.path("label").asString()).isEqualTo("sadness");
		assertThat(classifier.answered().get("다시 생각해보니 너무 우울했다")).as("classified once").isEqualTo(1);
		assertThat(classifier.answered().get(oldText)).as("the old text is not classified again").isEqualTo(1);
		List<String> events = dashboard.events();
		String observeEdit = "observe|" + FakeDashboard.key("discord", editedId, "whole");
		int withdrawal = events.indexOf("withdraw|discord|" + editedId);
		assertThat(withdrawal).isGreaterThan(events.indexOf(observeEdit));
		assertThat(events.lastIndexOf(observeEdit)).isGreaterThan(withdrawal);
		assertThat(dashboard.observations().get(FakeDashboard.key("discord", editedId, "whole")).path("label")
			.asString()).isEqualTo("sadness");

		// the message deleted inside the stretch the run scrolled through: kept, marked, its observations withdrawn
		JsonNode gone = scraper.get("/messages/" + deletedId);
		assertThat(gone.path("deleted_at").isString()).as(gone.toString()).isTrue();
		assertThat(gone.path("delivery").asString()).isEqualTo("withdrawn");
		assertThat(events).contains("withdraw|discord|" + deletedId);
		assertThat(dashboard.observations().keySet()).noneMatch(key -> key.contains("|" + deletedId + "|"));

		// what the run did not scroll to is untouched, the message deleted there too
		JsonNode unseen = scraper.get("/messages/" + unseenId);
		assertThat(unseen.path("deleted_at").isMissingNode()).as(unseen.toString()).isTrue();
		assertThat(unseen.path("delivery").asString()).isEqualTo("delivered");
		assertThat(dashboard.observations()).containsKey(FakeDashboard.key("discord", unseenId, "whole"));
		List<JsonNode> stored = scraper.allMessages("source_id=" + sourceId);
		assertThat(stored).hasSize(150);
		assertThat(stored).filteredOn(m -> m.has("deleted_at")).extracting(m -> m.path("id").asString())
			.containsExactly(deletedId);
		for (int i = 0; i < oldestSeen; i++) {
			String id = messages.get(i).id();
			JsonNode older = stored.stream().filter(m -> m.path("id").asString().equals(id)).findFirst().orElseThrow();
			assertThat(older.path("last_seen_run").asString()).as("message %d was not read again", i)
				.isEqualTo(first.path("id").asString());
		}
	}

	/** The first index from {@code from} on that fits. */
	private static int first(int from, IntPredicate fits) {
		return IntStream.range(from, 149).filter(fits).findFirst().orElseThrow();
	}
}
