package dev.emotionmonitor.gateway.access;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: every request goes through this table, top to bottom, and the first rule that matches its
 * method and path decides ({@link GatewaySecurity} turns each rule into an {@code authorizeExchange} rule). The route id of a rule names it in the rate limits, the size limits and the API log.
 * Anything under {@code /api/} that no rule names is for admins; pages and static files are public.
 */
public final class RouteRules {

	/** The route id of the request (from this table), for the API log. */
	public static final String ROUTE_ATTRIBUTE = RouteRules.class.getName() + ".route";

	static final String RULE_ATTRIBUTE = RouteRules.class.getName() + ".rule";

	enum Access {

		/** anybody, signed in or not */
		PUBLIC,
		/** any member (and admins, and the services) */
		MEMBER,
		/** admins and the services */
		ADMIN

	}

	/**
	 * @param route        route id
	 * @param methods      methods the rule applies to; empty means all
	 * @param pattern      path pattern ({@code **} matches the rest of the path)
	 * @param access       who may call
	 * @param exportTokens whether a read-only export token (also as {@code ?token=}) is accepted here
	 */
	record RouteRule(String route, Set<HttpMethod> methods, PathPattern pattern, Access access, boolean exportTokens) {

		boolean matches(HttpMethod method, PathContainer path) {
			return (methods.isEmpty() || methods.contains(method)) && pattern.matches(path);
		}

		String describe() {
			return (methods.isEmpty() ? "*" : String.join(",", methods.stream().map(HttpMethod::name).sorted().toList()))
					+ " " + pattern.getPatternString();
		}
	}

	private static final Set<HttpMethod> ANY = Set.of();

	private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);

	static final List<RouteRule> RULES = List.of(
			// web sign-in: anybody may try a key; the rest needs a session or a key
			rule("session", POST, "/api/session", Access.PUBLIC),
			rule("session", ANY, "/api/session", Access.MEMBER),
			// the gateway's own admin API: members, keys, API log
			rule("admin", ANY, "/api/admin/**", Access.ADMIN),
			// corpus: members may read it; imports (and anything else that writes) and the training export are admin
			rule("corpus", READ, "/api/corpus/exports/**", Access.ADMIN),
			rule("corpus", READ, "/api/corpus/imports/**", Access.ADMIN),
			rule("corpus", READ, "/api/corpus/**", Access.MEMBER),
			rule("corpus", ANY, "/api/corpus/**", Access.ADMIN),
			// classifier: members classify and see the models; training and model activation are admin
			rule("classifier", POST, "/api/classifier/classifications", Access.MEMBER),
			rule("classifier", POST, "/api/classifier/classifications/batch", Access.MEMBER),
			rule("classifier", READ, "/api/classifier/models/**", Access.MEMBER),
			// model imports are zipped model directories: their own route id, for their own request size limit
			rule("classifier-import", POST, "/api/classifier/models/imports", Access.ADMIN),
			rule("classifier", ANY, "/api/classifier/**", Access.ADMIN),
			// scraper: sources and scraping are admin, reading collected messages too (they are everyone's words)
			rule("scraper", ANY, "/api/scraper/**", Access.ADMIN),
			// dashboard: exports take export tokens; members read the team dashboard and their own history (the
			// dashboard narrows it by the identity headers) and log their own classifications; the rest is admin
			rule("dashboard", READ, "/api/dashboard/exports/**", Access.MEMBER, true),
			// withdrawals of deleted or edited messages (the scraper) take observations out of every figure: not members'
			rule("dashboard", POST, "/api/dashboard/observations/withdrawals", Access.ADMIN),
			rule("dashboard", POST, "/api/dashboard/observations", Access.MEMBER),
			rule("dashboard", READ, "/api/dashboard/**", Access.MEMBER),
			rule("dashboard", ANY, "/api/dashboard/**", Access.ADMIN),
			// any other API path: admins only, so a new backend route is never open by accident
			rule("api", ANY, "/api/**", Access.ADMIN),
			// health: the status for everybody, details only for admins and services (show-details: when-authorized)
			rule("health", READ, "/actuator/health/**", Access.PUBLIC),
			rule("actuator", ANY, "/actuator/**", Access.ADMIN),
			rule("fallback", ANY, "/fallback/**", Access.ADMIN),
			// the dashboard page, served by the dashboard-service
			rule("dashboard-page", READ, "/dashboard/**", Access.PUBLIC),
			rule("dashboard-page", READ, "/webjars/**", Access.PUBLIC),
			// the classify page, its static files and the OpenAPI description
			rule("pages", ANY, "/**", Access.PUBLIC));

	private RouteRules() {
	}

	static RouteRule match(HttpMethod method, PathContainer path) {
		for (RouteRule rule : RULES) {
			if (rule.matches(method, path)) {
				return rule;
			}
		}
		throw new IllegalStateException("The last rule matches every path");
	}

	private static RouteRule rule(String route, Set<HttpMethod> methods, String pattern, Access access) {
		return rule(route, methods, pattern, access, false);
	}

	private static RouteRule rule(String route, Set<HttpMethod> methods, String pattern, Access access,
			boolean exportTokens) {
		return new RouteRule(route, methods, PathPatternParser.defaultInstance.parse(pattern), access, exportTokens);
	}
}
