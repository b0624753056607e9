package dev.emotionmonitor.scraper.discordexport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.emotionmonitor.scraper.support.ExportFixture;
import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stretch of its channel an export read whole, from its {@code dateRange} and {@code exportedAt} (fixture
 * exported at 2026-11-20T12:00Z): the bounds themselves are left out, as DiscordChatExporter leaves out a message
 * in their very millisecond; without a bound, its first or last message; a {@code before} past the export, unset.
 */
class ExportStretchTest {

	private final DiscordExportReader reader = new DiscordExportReader();

	private final ExportFixture fixture = ExportFixture.of(20, 4);

	private final Instant first = fixture.at(0);

	private final Instant last = fixture.at(19);

	@Test
	void withoutADateRangeItRunsFromTheFirstToTheLastMessage() {
		assertThat(read(fixture).stretches()).containsExactly(new DiscordExport.Stretch(first, last));
	}

	@Test
	void aDateRangeWidensItToJustInsideItsBounds() {
		Instant after = Instant.parse("2026-09-01T00:00:00Z");
		Instant before = Instant.parse("2026-11-19T00:00:00Z");
		assertThat(read(fixture.dateRange(after, before)).stretches())
			.containsExactly(new DiscordExport.Stretch(after.plusMillis(1), before.minusMillis(1)));
	}

	@Test
	void aBeforeLaterThanTheExportCountsAsUnset() {
		Instant after = Instant.parse("2026-09-01T00:00:00Z");
		assertThat(read(fixture.dateRange(after, Instant.parse("2026-12-31T00:00:00Z"))).stretches())
			.containsExactly(new DiscordExport.Stretch(after.plusMillis(1), last));
	}

	@Test
	void anExportWithoutMessagesReadsNothingWhole() {
		fixture.messages().clear();
		assertThat(read(fixture.dateRange(Instant.parse("2026-09-01T00:00:00Z"), null)).stretches()).isEmpty();
	}

	@Test
	void aDateRangeThatIsNoRangeIsRefused() {
		fixture.dateRange(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));
		assertThatThrownBy(() -> read(fixture)).isInstanceOf(ErrorResponseException.class)
			.satisfies(ex -> assertThat(((ErrorResponseException) ex).getBody().getDetail())
				.isEqualTo("dateRange.after must be earlier than dateRange.before"));
	}

	private DiscordExport read(ExportFixture export) {
		return reader.read(new ByteArrayInputStream(export.json().getBytes(StandardCharsets.UTF_8)), 1000);
	}
}
