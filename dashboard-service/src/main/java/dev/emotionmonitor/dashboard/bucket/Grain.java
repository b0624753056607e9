package dev.emotionmonitor.dashboard.bucket;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The time buckets: a period is named by its first local date, a week by its ISO Monday. */
public enum Grain {

	DAY, WEEK, MONTH;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Grain> byId(String id) {
		for (Grain grain : values()) {
			if (grain.id().equalsIgnoreCase(id)) {
				return Optional.of(grain);
			}
		}
		return Optional.empty();
	}

	public LocalDate start(LocalDate date) {
		return switch (this) {
			case DAY -> date;
			case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> date.withDayOfMonth(1);
		};
	}

	public LocalDate next(LocalDate start) {
		return switch (this) {
			case DAY -> start.plusDays(1);
			case WEEK -> start.plusWeeks(1);
			case MONTH -> start.plusMonths(1);
		};
	}

	/** Start dates of every period that overlaps [from, to]. */
	public List<LocalDate> periods(LocalDate from, LocalDate to) {
		List<LocalDate> periods = new ArrayList<>();
		for (LocalDate start = start(from); !start.isAfter(to); start = next(start)) {
			periods.add(start);
		}
		return periods;
	}

	public long count(LocalDate from, LocalDate to) {
		return switch (this) {
			case DAY -> ChronoUnit.DAYS.between(from, to) + 1;
			case WEEK -> ChronoUnit.WEEKS.between(start(from), start(to)) + 1;
			case MONTH -> ChronoUnit.MONTHS.between(start(from), start(to)) + 1;
		};
	}
}
