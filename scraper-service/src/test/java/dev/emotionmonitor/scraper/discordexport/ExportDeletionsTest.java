package dev.emotionmonitor.scraper.discordexport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.FakeDashboard;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which stored messages a DiscordChatExporter re-import marks deleted, with the outbox on: one imported as complete
 * withdraws only what its date range held and it no longer does (bounded by {@code dateRange.after}/{@code before},
 * never the stretch between two exports of a channel); a filtered export, which nothing in the file tells apart,
 * withdraws nothing unless imported as complete, and its run says why.
 */
class ExportDeletionsTest {

	@AutoClose
	static final ScraperClient.WithOutbox outbox = new ScraperClient.WithOutbox();

	static final FakeDashboard dashboard = outbox.dashboard;

	static final ScraperClient scraper = outbox.client;

	@Test
	void aReExportOfADateRangeWithdrawsWhatItsRangeNoLongerHoldsAndNothingOutsideIt() {
		String channel = "1100000000000000201";
		ExportFixture all = ExportFixture.of(60, 5);
		scraper.awaitDelivered(scraper.upload(all.json(channel, "range")).path("id").asString());

		// exported again with --after and --before around messages 20 to 40; 20, 30 and 40 were deleted since
		Instant after = between(all.at(19), all.at(20));
		Instant before = between(all.at(40), all.at(41));
		ExportFixture range = keep(ExportFixture.of(60, 5), i -> i > 20 && i < 40 && i != 30).dateRange(after, before);
		JsonNode run = scraper.upload(range.json(channel, "range"), "complete=true");

		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
		assertThat(run.path("new").asLong()).isZero();
		assertThat(run.path("duplicates").asLong()).isEqualTo(18);
		assertThat(run.path("deleted").asLong()).as("20 and 40 too: its range begins and ends past its messages")
			.isEqualTo(3);
		scraper.awaitDelivered(run.path("id").asString());
		Set<String> gone = Set.of(id(all, 20), id(all, 30), id(all, 40));
		for (String id : gone) {
			assertThat(scraper.get("/messages/" + id).path("delivery").asString()).isEqualTo("withdrawn");
			assertThat(dashboard.observations().keySet()).noneMatch(key -> key.contains("|" + id + "|"));
		}
		assertThat(deleted(channel)).as("nothing outside the range").containsExactlyInAnyOrderElementsOf(gone);
		assertThat(dashboard.observations()).containsKeys(FakeDashboard.key("discord", id(all, 19), "whole"),
				FakeDashboard.key("discord", id(all, 41), "whole"), FakeDashboard.key("discord", id(all, 0), "whole"),
				FakeDashboard.key("discord", id(all, 59), "whole"));
	}

	@Test
	void aFilteredExportWithdrawsNothingAndItsRunSaysWhy() {
		String channel = "1100000000000000202";
		ExportFixture all = ExportFixture.of(40, 6);
		scraper.awaitDelivered(scraper.upload(all.json(channel, "filtered")).path("id").asString());

		// DiscordChatExporter --filter "from:minji": the file looks like any other export of the channel
		ExportFixture minji = ExportFixture.of(40, 6);
		minji.messages().removeIf(m -> !"200000000000000001".equals(((Map<?, ?>) m.get("author")).get("id")));
		assertThat(minji.messages()).hasSizeBetween(2, 30);
		JsonNode run = scraper.upload(minji.json(channel, "filtered"));

		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
		assertThat(run.path("duplicates").asLong()).isEqualTo(minji.messages().size());
		assertThat(run.path("deleted").asLong()).isZero();
		assertThat(run.path("deletions_skipped").asString()).isEqualTo(ImportController.NOT_COMPLETE)
			.contains("--filter", "complete=true");
		assertThat(deleted(channel)).isEmpty();
		String other = all.messages().stream()
			.filter(m -> !"200000000000000001".equals(((Map<?, ?>) m.get("author")).get("id"))
					&& "Default".equals(m.get("type")) && !Boolean.TRUE.equals(((Map<?, ?>) m.get("author")).get("isBot")))
			.map(m -> (String) m.get("id"))
			.findFirst()
			.orElseThrow();
		assertThat(dashboard.observations()).containsKey(FakeDashboard.key("discord", other, "whole"));

		// a word other than true or false is refused, and nothing changes
		JsonNode problem = scraper.postImport(file(minji.json(channel, "filtered")), "complete=yes")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("detail").asString()).startsWith("complete must be true or false");
		assertThat(deleted(channel)).isEmpty();
	}

	@Test
	void twoExportsOfAChannelInOneUploadLeaveTheStretchBetweenThemAlone() {
		String channel = "1100000000000000203";
		ExportFixture all = ExportFixture.of(40, 8);
		scraper.awaitDelivered(scraper.upload(all.json(channel, "two-ranges")).path("id").asString());

		// --before between 14 and 15, and --after between 24 and 25; message 30 was deleted since
		ExportFixture early = keep(ExportFixture.of(40, 8), i -> i <= 14).dateRange(null, between(all.at(14), all.at(15)));
		ExportFixture late = keep(ExportFixture.of(40, 8), i -> i >= 25 && i != 30)
			.dateRange(between(all.at(24), all.at(25)), null);
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		ScraperClient.addFile(body, "early.json", early.json(channel, "two-ranges").getBytes(StandardCharsets.UTF_8));
		ScraperClient.addFile(body, "late.json", late.json(channel, "two-ranges").getBytes(StandardCharsets.UTF_8));
		JsonNode run = scraper.upload(body, "complete=true").path("items").get(0);

		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
		assertThat(run.path("deleted").asLong()).isEqualTo(1);
		assertThat(deleted(channel)).as("messages 15 to 24, in neither export, are not gone").containsExactly(id(all, 30));
	}

	/** The export with only the messages whose index fits. */
	private static ExportFixture keep(ExportFixture fixture, IntPredicate fits) {
		List<Map<String, Object>> kept = new ArrayList<>();
		IntStream.range(0, fixture.messages().size()).filter(fits).forEach(i -> kept.add(fixture.messages().get(i)));
		fixture.messages().retainAll(kept);
		return fixture;
	}

	private static Instant between(Instant a, Instant b) {
		return a.plus(Duration.between(a, b).dividedBy(2));
	}

	private static String id(ExportFixture fixture, int index) {
		return (String) fixture.messages().get(index).get("id");
	}

	/** The ids of the channel's messages marked deleted. */
	private static List<String> deleted(String channel) {
		return scraper.allMessages("channel=" + channel).stream()
			.filter(m -> m.has("deleted_at"))
			.map(m -> m.path("id").asString())
			.toList();
	}

	private static MultipartBodyBuilder file(String json) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		ScraperClient.addFile(body, "export.json", json.getBytes(StandardCharsets.UTF_8));
		return body;
	}
}
