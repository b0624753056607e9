package dev.emotionmonitor.dashboard.bucket;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The buckets of one zone that a recompute rebuilds whole: every day and week of [from, to] and every month of
 * [firstMonth, lastMonth]. [from, to] runs from the Monday on or before the first month's start to the Sunday on or
 * after the last month's end, so every bucket it names lies inside it and the observations inside it are all that
 * count in them.
 */
public record RecomputeWindow(ZoneId zone, LocalDate from, LocalDate to, LocalDate firstMonth, LocalDate lastMonth) {

	/** The window around the months in which {@code first} and {@code last} fall in {@code zone}. */
	public static RecomputeWindow around(ZoneId zone, Instant first, Instant last) {
		LocalDate firstMonth = Grain.MONTH.start(first.atZone(zone).toLocalDate());
		LocalDate lastMonth = Grain.MONTH.start(last.atZone(zone).toLocalDate());
		LocalDate from = Grain.WEEK.start(firstMonth);
		LocalDate to = lastMonth.withDayOfMonth(lastMonth.lengthOfMonth())
			.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		return new RecomputeWindow(zone, from, to, firstMonth, lastMonth);
	}

	/** Observations at or after this instant and before {@link #end()} count in the window's buckets. */
	public Instant start() {
		return this.from.atStartOfDay(this.zone).toInstant();
	}

	public Instant end() {
		return this.to.plusDays(1).atStartOfDay(this.zone).toInstant();
	}

	boolean covers(BucketKey key) {
		if (!key.zone().equals(this.zone.getId())) {
			return false;
		}
		return switch (key.grain()) {
			case DAY, WEEK -> !key.period().isBefore(this.from) && !key.period().isAfter(this.to);
			case MONTH -> !key.period().isBefore(this.firstMonth) && !key.period().isAfter(this.lastMonth);
		};
	}
}
