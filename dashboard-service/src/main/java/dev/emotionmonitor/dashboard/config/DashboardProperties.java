package dev.emotionmonitor.dashboard.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the dashboard-service; each default works on localhost and each can be overridden from the environment.
 *
 * @param gatewayUrl base URL of the gateway, through which this service calls the others ({@code GATEWAY_URL})
 * @param serviceKey key sent as {@code Authorization: Bearer} on calls to other services; empty sends none
 *                   ({@code EMOTION_SERVICE_KEY})
 * @param zones      time zones the buckets are kept in; the first is the default of every query
 *                   ({@code EMOTION_DASHBOARD_ZONES}, comma-separated)
 * @param minMembers k of k-anonymity: team aggregates over fewer distinct members are suppressed
 *                   ({@code EMOTION_DASHBOARD_MIN_MEMBERS})
 * @param maxBatch   most observations one {@code POST /observations} may carry, and most messages one
 *                   {@code POST /observations/withdrawals} may name ({@code EMOTION_DASHBOARD_MAX_BATCH})
 * @param alerts     alert rules
 * @param exports    export limits and caching
 */
@ConfigurationProperties("emotion.dashboard")
public record DashboardProperties(@DefaultValue("http://localhost:8080") URI gatewayUrl, @DefaultValue("") String serviceKey,
		@DefaultValue("Asia/Seoul") List<ZoneId> zones, @DefaultValue("5") int minMembers,
		@DefaultValue("5000") int maxBatch, @DefaultValue Alerts alerts, @DefaultValue Exports exports) {

	public DashboardProperties {
		if (zones.isEmpty()) {
			throw new IllegalArgumentException("emotion.dashboard.zones needs at least one time zone");
		}
		zones = List.copyOf(zones);
	}

	/** The zone of queries that name none. */
	public ZoneId defaultZone() {
		return zones.get(0);
	}

	/**
	 * @param evaluateOnWrite    evaluate the rules for the weeks an ingest touched ({@code EMOTION_DASHBOARD_ALERTS_EVALUATE_ON_WRITE})
	 * @param recentWeeks        member rule: recent weeks compared with the member's baseline
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_RECENT_WEEKS})
	 * @param memberBaselineWeeks member rule: weeks before them that form the member's own baseline
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MEMBER_BASELINE_WEEKS})
	 * @param minRecentMessages  member rule: messages the member needs in the recent weeks
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MIN_RECENT_MESSAGES})
	 * @param minBaselineMessages member rule: messages the member needs in the baseline weeks
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MIN_BASELINE_MESSAGES})
	 * @param minRise            member rule: rise of a share over its reference that counts
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MIN_RISE})
	 * @param maxPValue          member rule: largest binomial p-value of the recent count
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MAX_P_VALUE})
	 * @param minWeeksAbove      member rule: recent weeks that must each show the rise
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MIN_WEEKS_ABOVE})
	 * @param baselineWeeks      weeks before the evaluated one that form the team baseline
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_BASELINE_WEEKS})
	 * @param minBaselineWeeks   weeks with data the baseline needs before the team rule fires
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_MIN_BASELINE_WEEKS})
	 * @param shareRise          how far (0..1) the week's negative share must exceed the baseline
	 *                           ({@code EMOTION_DASHBOARD_ALERTS_SHARE_RISE})
	 */
	public record Alerts(@DefaultValue("true") boolean evaluateOnWrite, @DefaultValue("3") int recentWeeks,
			@DefaultValue("8") int memberBaselineWeeks, @DefaultValue("6") int minRecentMessages,
			@DefaultValue("15") int minBaselineMessages, @DefaultValue("0.30") double minRise,
			@DefaultValue("0.0003") double maxPValue, @DefaultValue("2") int minWeeksAbove,
			@DefaultValue("8") int baselineWeeks, @DefaultValue("4") int minBaselineWeeks,
			@DefaultValue("0.15") double shareRise) {
	}

	/**
	 * @param rowCap      most rows an aggregate export answers; larger ranges are refused ({@code EMOTION_DASHBOARD_EXPORTS_ROW_CAP})
	 * @param pageSize    default rows per page of message-level exports ({@code EMOTION_DASHBOARD_EXPORTS_PAGE_SIZE})
	 * @param maxPageSize largest {@code limit} a caller may ask for ({@code EMOTION_DASHBOARD_EXPORTS_MAX_PAGE_SIZE})
	 * @param maxAge      {@code Cache-Control: max-age} of exports ({@code EMOTION_DASHBOARD_EXPORTS_MAX_AGE})
	 */
	public record Exports(@DefaultValue("50000") int rowCap, @DefaultValue("5000") int pageSize,
			@DefaultValue("50000") int maxPageSize, @DefaultValue("60s") Duration maxAge) {
	}
}
