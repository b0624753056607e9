package dev.emotionmonitor.classifier.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.ModelCard;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The model registry: list, inspect, activate a version, roll back to the previous one. */
@RestController
class ModelController {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final ModelRegistry registry;

	private final ActiveModel activeModel;

	ModelController(ModelRegistry registry, ActiveModel activeModel) {
		this.registry = registry;
		this.activeModel = activeModel;
	}

	record ModelView(String version, String kind, String requestedKind, Instant created, String corpus,
			List<String> fields, Double accuracy, Double macroF1, Integer n, String source, long sizeBytes,
			Instant registeredAt, boolean active, Map<String, Object> card) {
	}

	/**
	 * @param active the registry's active version; {@code servedVersion} is what this replica serves right now
	 * (equal within a poll interval after a change)
	 */
	record ActiveView(String active, String servedVersion, List<String> history, Instant changedAt, ModelSummary model) {
	}

	/**
	 * The model card in one glance, for the pages: what kind, trained on what and on how many examples, which figures
	 * on which data. {@code demo} is true for a model trained on the hand-written starter corpus, not on real data.
	 */
	record ModelSummary(String version, String kind, String corpus, Object examples, Double accuracy, Double macroF1,
			Integer evaluatedN, Object evaluatedOn, Object figuresMeasuredOn, boolean demo) {

		static ModelSummary of(ModelCard card) {
			Map<String, Object> training = card.training() == null ? Map.of() : card.training();
			Object refit = training.get("refit") instanceof Map<?, ?> figures ? figures.get("figures_measured_on") : null;
			return new ModelSummary(card.version(), card.kind(), card.corpus(), training.get("examples"),
					card.metrics() == null ? null : card.metrics().accuracy(),
					card.metrics() == null ? null : card.metrics().macroF1(),
					card.metrics() == null ? null : card.metrics().n(), training.get("evaluated_on"), refit,
					card.corpus() != null && card.corpus().startsWith("starter"));
		}
	}

	@GetMapping("/models")
	Mono<ItemPage<ModelView>> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		ItemPage.check(page, size, 100);
		return this.registry.state()
			.map(RegistryState::active)
			.defaultIfEmpty("")
			.flatMap(active -> this.registry.list(page, size)
				.map(record -> view(record, active, false))
				.collectList()
				.zipWith(this.registry.count())
				.map(items -> new ItemPage<>(items.getT1(), page, size, items.getT2())));
	}

	@GetMapping("/models/active")
	Mono<ActiveView> active() {
		return this.registry.state()
			.map(this::activeView)
			.defaultIfEmpty(new ActiveView(null, this.activeModel.version(), List.of(), null, served()));
	}

	@GetMapping("/models/{version}")
	Mono<ModelView> get(@PathVariable String version) {
		return this.registry.state()
			.map(RegistryState::active)
			.defaultIfEmpty("")
			.flatMap(active -> this.registry.find(version).map(record -> view(record, active, true)))
			.switchIfEmpty(Mono.error(Problems.notFound("no model " + version + " in the registry")));
	}

	@PostMapping("/models/{version}/activate")
	Mono<ActiveView> activate(@PathVariable String version,
			@AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("activate a model");
		return this.registry.activate(version).map(this::activeView);
	}

	@PostMapping("/models/rollback")
	Mono<ActiveView> rollback(@AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("roll back the model");
		return this.registry.rollback().map(this::activeView);
	}

	private ActiveView activeView(RegistryState state) {
		return new ActiveView(state.active(), this.activeModel.version(), state.history(), state.changedAt(), served());
	}

	private ModelSummary served() {
		EmotionModel model = this.activeModel.current();
		return model == null ? null : ModelSummary.of(model.card());
	}

	@SuppressWarnings("unchecked")
	static ModelView view(ModelRecord record, String active, boolean withCard) {
		Map<String, Object> card = withCard && record.card() != null ? JSON.readValue(record.card(), Map.class) : null;
		return new ModelView(record.version(), record.kind(), record.requestedKind(), record.created(),
				record.corpus(), record.fields(), record.accuracy(), record.macroF1(), record.n(), record.source(),
				record.sizeBytes(), record.registeredAt(), record.version().equals(active), card);
	}
}
