package dev.emotionmonitor.dashboard.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The dashboard's figures: observations received by what became of them (and withdrawn), withdrawn messages, alert evaluations (weeks evaluated, alerts
 * raised or updated), and export requests per export (Grafana, Sheets and Excel poll these).
 */
@Component
public class DashboardMetrics implements WebFilter {

	private final MeterRegistry registry;

	private final Counter weeksEvaluated;

	private final Counter alertsRaised;

	private final Counter withdrawals;

	DashboardMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String outcome : new String[] { "created", "replaced", "unchanged", "withdrawn" }) {
			observations(outcome);
		}
		this.withdrawals = Counter.builder("emotion.dashboard.withdrawals")
			.description("Messages withdrawn (deleted or edited in the chat) that had observations")
			.register(registry);
		this.weeksEvaluated = Counter.builder("emotion.dashboard.alert.evaluations")
			.description("Weeks the alert rules were evaluated for")
			.register(registry);
		this.alertsRaised = Counter.builder("emotion.dashboard.alerts.raised")
			.description("Alerts raised or updated by an evaluation")
			.register(registry);
	}

	public void observed(int created, int replaced, int unchanged) {
		observations("created").increment(created);
		observations("replaced").increment(replaced);
		observations("unchanged").increment(unchanged);
	}

	/** A withdrawal: messages that had observations, and the observations taken out of every figure. */
	public void withdrawn(int messages, int observations) {
		this.withdrawals.increment(messages);
		observations("withdrawn").increment(observations);
	}

	public void evaluated(int weeks, int alerts) {
		this.weeksEvaluated.increment(weeks);
		this.alertsRaised.increment(alerts);
	}

	private Counter observations(String outcome) {
		return Counter.builder("emotion.dashboard.observations")
			.description("Observations received, by what became of them, and observations withdrawn")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (path.startsWith("/exports/")) {
			String export = path.substring("/exports/".length());
			// only the known file names, so a scanner cannot grow the tag set
			if (export.matches("[a-z]+\\.(csv|json)")) {
				Counter.builder("emotion.dashboard.export.requests")
					.description("Export requests, per export")
					.tag("export", export)
					.register(this.registry)
					.increment();
			}
		}
		return chain.filter(exchange);
	}
}
