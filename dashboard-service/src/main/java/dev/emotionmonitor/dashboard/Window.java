package dev.emotionmonitor.dashboard;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * The local dates [from, to] (both inclusive) in a zone that a query covers, read from its {@code from}, {@code to}
 * and {@code tz} parameters.
 */
public record Window(ZoneId zone, LocalDate from, LocalDate to) {

	/** Longest span a query may cover. */
	public static final int MAX_DAYS = 366 * 5;

	public static Window of(String from, String to, String tz, int defaultDays, DashboardProperties properties) {
		ZoneId zone = zone(tz, properties);
		LocalDate end = to == null || to.isBlank() ? LocalDate.now(zone) : date(to, "to");
		LocalDate start = from == null || from.isBlank() ? end.minusDays(defaultDays - 1L) : date(from, "from");
		if (start.isAfter(end)) {
			throw Problems.badRequest("from (" + start + ") is after to (" + end + ").");
		}
		if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
			throw Problems.badRequest("from..to spans more than " + MAX_DAYS + " days; ask for a shorter period.");
		}
		return new Window(zone, start, end);
	}

	public static ZoneId zone(String tz, DashboardProperties properties) {
		if (tz == null || tz.isBlank()) {
			return properties.defaultZone();
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(tz.trim());
		}
		catch (DateTimeException ex) {
			throw Problems.badRequest("tz \"" + tz + "\" is not a time zone; use an IANA name such as Asia/Seoul.");
		}
		if (!properties.zones().contains(zone)) {
			throw Problems.badRequest("Buckets are kept in " + properties.zones() + " only; tz " + zone
					+ " needs to be added to EMOTION_DASHBOARD_ZONES (it then counts observations stored from then on).");
		}
		return zone;
	}

	public static LocalDate date(String value, String name) {
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest(name + " \"" + value + "\" is not a date; use YYYY-MM-DD.");
		}
	}
}
