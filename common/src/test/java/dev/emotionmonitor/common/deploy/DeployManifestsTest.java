package dev.emotionmonitor.common.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests and the operator dashboard in {@code deploy/} checked against the code: every environment
 * variable a Deployment sets is one its service reads, probes hit the actuator groups on the management port the
 * service listens on, every workload has probes, requests and a read-only non-root container, the HPA scales the
 * classifier, only the gateway reaches a backend, and every dashboard query names a metric the services export. The
 * compose monitoring profile (no Docker here) is read the same way: Prometheus scrapes each service's management port,
 * and Grafana gets both dashboards with data sources it has.
 * CI has no kubectl, so the kustomization's files are read directly; {@code kubectl kustomize} runs where it exists.
 */
class DeployManifestsTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path K8S = ROOT.resolve("deploy/k8s");

	private static final Set<String> SERVICES = Set.of("gateway", "corpus-service", "classifier-service",
			"scraper-service", "dashboard-service");

	/** Read by a library rather than by the service's application.yml (DJL's engine cache). */
	private static final Set<String> LIBRARY_VARIABLES = Set.of("ENGINE_CACHE_DIR");

	@Test
	void everyServiceIsADeploymentWithAServiceAndOnlyVariablesItReads() {
		List<Map<String, Object>> deployments = ofKind("Deployment");
		assertThat(deployments).extracting(d -> name(d)).containsExactlyInAnyOrderElementsOf(SERVICES);
		for (Map<String, Object> deployment : deployments) {
			String service = name(deployment);
			String yml = read(ROOT.resolve(service + "/src/main/resources/application.yml"));
			Map<String, Object> container = container(deployment);
			for (Map<String, Object> variable : list(container.get("env"))) {
				String variableName = (String) variable.get("name");
				assertThat(yml.contains("${" + variableName + ":") || yml.contains("${" + variableName + "}")
						|| LIBRARY_VARIABLES.contains(variableName))
					.as("%s sets %s, which its application.yml never reads", service, variableName)
					.isTrue();
			}
			int httpPort = containerPort(container, "http");
			assertThat(env(container, "SERVER_PORT")).isEqualTo(String.valueOf(httpPort));
			Map<String, Object> svc = ofKind("Service").stream().filter(s -> name(s).equals(service)).findFirst()
				.orElseThrow(() -> new AssertionError("no Service for " + service));
			assertThat(list(map(svc.get("spec")).get("ports"))).as("a Service publishes the HTTP port only")
				.allSatisfy(port -> assertThat(port.get("targetPort")).isEqualTo("http"));
		}
	}

	@Test
	void composeAndKubernetesRunEveryServiceFromTheOneImageByName() {
		Map<String, Object> kustomization = map(new Yaml().load(read(K8S.resolve("kustomization.yaml"))));
		Map<String, Object> image = list(kustomization.get("images")).get(0);
		assertThat(list(kustomization.get("images"))).as("one image for the five services").hasSize(1);
		String tagged = image.get("name") + ":" + image.get("newTag");
		for (Map<String, Object> deployment : ofKind("Deployment")) {
			Map<String, Object> container = container(deployment);
			assertThat(container.get("image")).as(name(deployment)).isEqualTo(tagged);
			assertThat(container.get("args")).as(name(deployment)).isEqualTo(List.of(name(deployment)));
		}
		Map<String, Object> compose = map(map(new Yaml().load(read(ROOT.resolve("docker-compose.yml")))).get("services"));
		for (String service : SERVICES) {
			Map<String, Object> composed = map(compose.get(service));
			assertThat(composed.get("image")).as(service).isEqualTo(tagged);
			assertThat(composed.get("command")).as(service).isEqualTo(List.of(service));
		}
		String dockerfile = read(ROOT.resolve("Dockerfile"));
		assertThat(SERVICES).allSatisfy(service -> assertThat(dockerfile).contains(service));
	}

	@Test
	void theImagesEntryPointRunsTheServiceItIsNamedAndPassesTheRestOn(@TempDir Path bin) throws Exception {
		Path java = bin.resolve("java");
		Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
		java.toFile().setExecutable(true);
		for (String service : SERVICES) {
			assertThat(entryPoint(bin, null, service, "--server.port=1")).isEqualTo("-jar /app/" + service + ".jar --server.port=1");
		}
		assertThat(entryPoint(bin, "gateway", "member", "list")).isEqualTo("-jar /app/gateway.jar member list");
		assertThat(entryPoint(bin, null)).startsWith("exit 64: Name the service to run");
		assertThat(entryPoint(bin, "mongo")).startsWith("exit 64: Name the service to run");
	}

	private static String entryPoint(Path bin, String serviceVariable, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("sh", ROOT.resolve("deploy/docker/entrypoint.sh").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PATH", bin + ":" + builder.environment().get("PATH"));
		builder.environment().remove("EMOTION_SERVICE");
		if (serviceVariable != null) {
			builder.environment().put("EMOTION_SERVICE", serviceVariable);
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return process.exitValue() == 0 ? output : "exit " + process.exitValue() + ": " + output;
	}

	@Test
	void probesHitTheActuatorGroupsOnTheManagementPortTheServiceListensOn() {
		for (Map<String, Object> deployment : ofKind("Deployment")) {
			String service = name(deployment);
			Map<String, Object> container = container(deployment);
			String yml = read(ROOT.resolve(service + "/src/main/resources/application.yml"));
			Matcher defaultPort = Pattern.compile("port: \\$\\{MANAGEMENT_PORT:(\\d+)}").matcher(yml);
			assertThat(defaultPort.find()).as("%s reads MANAGEMENT_PORT", service).isTrue();
			int management = containerPort(container, "management");
			assertThat(env(container, "MANAGEMENT_PORT")).isEqualTo(String.valueOf(management));
			assertThat(management).as("the port ./emotion up and Prometheus expect").isEqualTo(Integer.parseInt(defaultPort.group(1)));
			assertThat(yml).as("probe groups enabled").contains("probes:\n        enabled: true");
			Map<String, String> expected = Map.of("livenessProbe", "/actuator/health/liveness", "readinessProbe",
					"/actuator/health/readiness", "startupProbe", "/actuator/health/liveness");
			expected.forEach((probe, path) -> {
				Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
				assertThat(get.get("path")).as("%s %s", service, probe).isEqualTo(path);
				assertThat(get.get("port")).as("%s %s", service, probe).isEqualTo("management");
			});
			Map<String, Object> resources = map(container.get("resources"));
			assertThat(map(resources.get("requests"))).as(service).containsKeys("cpu", "memory");
			assertThat(map(resources.get("limits"))).as(service).containsKey("memory");
			Map<String, Object> security = map(container.get("securityContext"));
			assertThat(security.get("readOnlyRootFilesystem")).as(service).isEqualTo(true);
			assertThat(security.get("allowPrivilegeEscalation")).as(service).isEqualTo(false);
			assertThat(map(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("securityContext"))
				.get("runAsNonRoot")).as(service).isEqualTo(true);
		}
	}

	@Test
	void theAutoscalerScalesTheClassifierAndOnlyTheGatewayReachesTheBackends() {
		Map<String, Object> hpa = ofKind("HorizontalPodAutoscaler").get(0);
		Map<String, Object> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
		assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "classifier-service");
		assertThat(read(K8S.resolve("classifier-hpa.yaml"))).contains("emotion_classifier_queue_texts");

		List<Map<String, Object>> policies = ofKind("NetworkPolicy");
		for (String backend : SERVICES) {
			if (backend.equals("gateway")) {
				continue;
			}
			Map<String, Object> policy = policies.stream().filter(p -> name(p).equals(backend)).findFirst()
				.orElseThrow(() -> new AssertionError("no NetworkPolicy for " + backend));
			Map<String, Object> deployment = ofKind("Deployment").stream().filter(d -> name(d).equals(backend))
				.findFirst().orElseThrow();
			int http = containerPort(container(deployment), "http");
			for (Map<String, Object> rule : list(map(policy.get("spec")).get("ingress"))) {
				List<Integer> ports = list(rule.get("ports")).stream().map(p -> (Integer) p.get("port")).toList();
				Map<String, Object> from = list(rule.get("from")).get(0);
				if (ports.contains(http)) {
					assertThat(map(map(from.get("podSelector")).get("matchLabels")))
						.as("%s's HTTP port admits the gateway only", backend)
						.containsExactlyEntriesOf(Map.of("app.kubernetes.io/name", "gateway"));
					assertThat(list(rule.get("from"))).hasSize(1);
				}
				else {
					assertThat(from).as("%s: only monitoring reaches the management port", backend)
						.containsKey("namespaceSelector");
				}
			}
		}
		assertThat(policies).extracting(p -> name(p)).contains("default-deny-ingress");
	}

	@Test
	void everyOperatorDashboardQueryNamesAMetricTheServicesExport() {
		Set<String> exported = exportedMetricNames();
		String dashboard = read(ROOT.resolve("deploy/grafana/emotion-operators.json"));
		Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dashboard);
		Set<String> queried = new TreeSet<>();
		while (expr.find()) {
			Matcher metric = Pattern.compile("\\b((?:emotion|jvm|process|http_server)_[a-z0-9_]+)").matcher(expr.group(1));
			while (metric.find()) {
				queried.add(metric.group(1));
			}
		}
		assertThat(queried).as("the dashboard queries metrics").hasSizeGreaterThan(15);
		assertThat(queried).allSatisfy(name -> assertThat(exported).as("exported metric").contains(name));
	}

	@Test
	void theMonitoringProfileScrapesEveryServiceOnItsManagementPort() {
		Map<String, Object> compose = map(new Yaml().load(read(ROOT.resolve("docker-compose.yml"))));
		Map<String, Object> prometheus = map(map(compose.get("services")).get("prometheus"));
		assertThat(prometheus.get("profiles")).isEqualTo(List.of("monitoring"));
		assertMountedFilesExist(prometheus);
		Map<String, Object> config = map(new Yaml().load(read(ROOT.resolve("deploy/prometheus/prometheus.yml"))));
		Map<String, Map<String, Object>> jobs = new java.util.TreeMap<>();
		list(config.get("scrape_configs")).forEach(job -> jobs.put((String) job.get("job_name"), job));
		assertThat(jobs.keySet()).as("one job per service").containsExactlyInAnyOrderElementsOf(SERVICES);
		Pattern managementPort = Pattern.compile("port: \\$\\{MANAGEMENT_PORT:(\\d+)}");
		for (String service : SERVICES) {
			Matcher port = managementPort.matcher(read(ROOT.resolve(service + "/src/main/resources/application.yml")));
			assertThat(port.find()).as("%s has a default management port", service).isTrue();
			Map<String, Object> job = jobs.get(service);
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			Map<String, Object> discovery = list(job.get("dns_sd_configs")).get(0);
			assertThat(discovery.get("names")).as("the compose service's name").isEqualTo(List.of(service));
			assertThat(discovery.get("port")).as("%s's management port", service)
				.isEqualTo(Integer.parseInt(port.group(1)));
		}
	}

	@Test
	void theMonitoringProfileProvisionsBothDashboardsWithDataSourcesTheyName() {
		Map<String, Object> grafana = map(map(map(new Yaml().load(read(ROOT.resolve("docker-compose.yml"))))
			.get("services")).get("grafana"));
		assertThat(grafana.get("profiles")).isEqualTo(List.of("monitoring"));
		assertMountedFilesExist(grafana);
		Path provisioning = ROOT.resolve("deploy/grafana/provisioning");
		String dashboardsPath = (String) map(list(map(new Yaml().load(read(provisioning.resolve("dashboards/emotion.yml"))))
			.get("providers")).get(0).get("options")).get("path");
		Map<String, String> dataSourceTypes = new java.util.HashMap<>();
		list(map(new Yaml().load(read(provisioning.resolve("datasources/prometheus.yml")))).get("datasources"))
			.forEach(source -> dataSourceTypes.put((String) source.get("uid"), (String) source.get("type")));

		List<String> dashboards = volumes(grafana).stream().filter(v -> v[1].startsWith(dashboardsPath + "/"))
			.map(v -> v[0]).toList();
		assertThat(dashboards).as("the operator and the team dashboard")
			.containsExactlyInAnyOrder("./deploy/grafana/emotion-operators.json",
					"./dashboard-service/grafana/emotion-monitor.json");
		for (String file : dashboards) {
			String text = read(ROOT.resolve(file));
			// __inputs are filled in only by the import dialog; a provisioned dashboard would keep "${DS_…}" as a uid
			assertThat(text).as(file + " is provisioned as it is").doesNotContain("\"__inputs\"");
			Map<String, String> variables = new java.util.HashMap<>();
			list(map(map(new Yaml().load(text)).get("templating")).get("list")).stream()
				.filter(variable -> "datasource".equals(variable.get("type")))
				.forEach(variable -> variables.put((String) variable.get("name"), (String) variable.get("query")));
			Matcher uid = Pattern.compile("\"datasource\": \\{\\s*\"type\": \"([^\"]+)\",\\s*\"uid\": \"([^\"]+)\"")
				.matcher(text);
			int references = 0;
			while (uid.find()) {
				references++;
				String type = uid.group(1);
				String reference = uid.group(2);
				Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(reference);
				String resolvedType = variable.matches() ? variables.get(variable.group(1)) : dataSourceTypes.get(reference);
				assertThat(resolvedType).as("%s: data source %s is provisioned or a data source variable", file, reference)
					.isEqualTo(type);
				assertThat(dataSourceTypes).as("%s: a provisioned data source of type %s", file, type).containsValue(type);
			}
			assertThat(references).as(file + " names its data sources").isPositive();
		}
	}

	private static void assertMountedFilesExist(Map<String, Object> composeService) {
		assertThat(volumes(composeService)).filteredOn(volume -> volume[0].startsWith("./"))
			.isNotEmpty()
			.allSatisfy(volume -> assertThat(ROOT.resolve(volume[0])).as("mounted " + volume[0]).exists());
	}

	/** host-or-volume, container path */
	private static List<String[]> volumes(Map<String, Object> composeService) {
		return ((List<?>) composeService.get("volumes")).stream().map(volume -> ((String) volume).split(":"))
			.toList();
	}

	@Test
	void kubectlRendersTheKustomizationWhereItIsInstalled() throws Exception {
		Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
		org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
		Process process = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.toString()).redirectErrorStream(true)
			.start();
		String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(rendered).isZero();
		List<Map<String, Object>> documents = new ArrayList<>();
		new Yaml().loadAll(rendered).forEach(doc -> documents.add(map(doc)));
		assertThat(documents).filteredOn(d -> "Deployment".equals(d.get("kind"))).hasSize(5)
			.allSatisfy(d -> assertThat(map(d.get("metadata")).get("namespace")).isEqualTo("emotion-monitor"));
	}

	/**
	 * The Prometheus names of the services' own meters (from the names in their sources, with the suffixes the
	 * registry adds) and the Boot metrics the dashboard uses.
	 */
	private static Set<String> exportedMetricNames() {
		Set<String> names = new TreeSet<>(Set.of("jvm_memory_used_bytes", "process_cpu_usage",
				"http_server_requests_seconds_count", "http_server_requests_seconds_bucket"));
		Pattern meter = Pattern.compile("\"(emotion\\.[a-z.]+)\"");
		for (String service : SERVICES) {
			try (Stream<Path> files = Files.walk(ROOT.resolve(service + "/src/main/java"))) {
				for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
					Matcher matcher = meter.matcher(read(file));
					while (matcher.find()) {
						String base = matcher.group(1).replace('.', '_');
						for (String suffix : List.of("", "_total", "_seconds_bucket", "_seconds_count", "_seconds_sum",
								"_seconds_max", "_bucket", "_count", "_sum", "_max", "_seconds")) {
							names.add(base + suffix);
						}
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return names;
	}

	private static List<Map<String, Object>> ofKind(String kind) {
		Map<String, Object> kustomization = map(new Yaml().load(read(K8S.resolve("kustomization.yaml"))));
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object resource : (List<?>) kustomization.get("resources")) {
			for (Object document : new Yaml().loadAll(read(K8S.resolve((String) resource)))) {
				if (document != null && kind.equals(map(document).get("kind"))) {
					documents.add(map(document));
				}
			}
		}
		assertThat(documents).as("kind %s in the kustomization", kind).isNotEmpty();
		return documents;
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = list(
				map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers"));
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static int containerPort(Map<String, Object> container, String name) {
		return list(container.get("ports")).stream().filter(p -> name.equals(p.get("name")))
			.map(p -> (Integer) p.get("containerPort")).findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name));
	}

	private static String env(Map<String, Object> container, String name) {
		return list(container.get("env")).stream().filter(e -> name.equals(e.get("name")))
			.map(e -> String.valueOf(e.get("value"))).findFirst().orElse(null);
	}

	private static String name(Map<String, Object> document) {
		return (String) map(document.get("metadata")).get("name");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return value == null ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return value == null ? List.of() : (List<Map<String, Object>>) value;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
