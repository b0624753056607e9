package dev.emotionmonitor.scraper.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.gateway.GatewaySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the scraper-service; each default works on localhost and each can be overridden from the environment.
 *
 * @param gatewayUrl   base URL of the gateway, through which this service calls the others ({@code GATEWAY_URL})
 * @param serviceKey   bearer key sent on service-to-service calls; empty sends no header ({@code EMOTION_SERVICE_KEY})
 * @param workers      threads of the bounded scheduler that runs blocking work (Selenium, file parsing)
 * @param web          the Selenium source
 * @param discord      the Discord bot-API source
 * @param pipeline     the outbox that sends messages for classification and on to the dashboard
 * @param schedule     how often due sources are looked for
 * @param imports      the DiscordChatExporter import
 * @param runs         how long a run may wait on the store (heartbeat and recovery are the job kernel's,
 *                     {@code emotion.jobs.*})
 * @param templates    reflection templates by name, in the order they are tried
 */
@ConfigurationProperties("emotion.scraper")
public record ScraperProperties(@DefaultValue("http://localhost:8080") URI gatewayUrl, @DefaultValue("") String serviceKey,
		@DefaultValue("2") int workers, @DefaultValue Web web, @DefaultValue Discord discord,
		@DefaultValue Pipeline pipeline, @DefaultValue Schedule schedule, @DefaultValue Imports imports,
		@DefaultValue RunLimits runs, Map<String, Template> templates) implements GatewaySettings {

	public ScraperProperties {
		templates = templates == null || templates.isEmpty() ? Template.defaults() : templates;
	}

	/** The outbox's calls to the classifier and the dashboard wait this long for an answer. */
	@Override
	public Duration gatewayTimeout() {
		return pipeline.timeout();
	}

	/**
	 * @param chromedriver    path of the local chromedriver ({@code CHROMEDRIVER_PATH})
	 * @param chromium        path of the Chromium binary ({@code CHROMIUM_PATH})
	 * @param remoteUrl       Selenium Grid URL; when set, no local browser starts ({@code SELENIUM_URL})
	 * @param profileDir      persistent browser profile holding the login; empty uses a fresh temporary profile
	 *                        ({@code SCRAPER_PROFILE_DIR})
	 * @param headless        run the browser without a window
	 * @param pageLoadTimeout how long to wait for the first chat item
	 * @param roundTimeout    how long one scroll round waits for older items to appear
	 * @param pollInterval    how often the page is read while waiting
	 * @param idleRounds      stop after this many rounds without a new item
	 * @param flushEvery      store collected items in batches of this size while scrolling
	 * @param selectors       the default selectors (Discord's web client)
	 */
	public record Web(@DefaultValue("/usr/bin/chromedriver") String chromedriver,
			@DefaultValue("/usr/bin/chromium") String chromium, @DefaultValue("") String remoteUrl,
			@DefaultValue("") String profileDir, @DefaultValue("true") boolean headless,
			@DefaultValue("30s") Duration pageLoadTimeout, @DefaultValue("3s") Duration roundTimeout,
			@DefaultValue("100ms") Duration pollInterval, @DefaultValue("3") int idleRounds,
			@DefaultValue("200") int flushEvery, @DefaultValue Selectors selectors) {
	}

	/**
	 * CSS selectors that find the parts of a chat item; a source may override any of them.
	 *
	 * @param item         one message item; the message id is the run of digits at the end of its {@code id}
	 * @param timestamp    element with the UTC timestamp in its {@code datetime} attribute
	 * @param content      the message text
	 * @param author       the author's display name (absent on grouped follow-up messages)
	 * @param avatar       image whose {@code src} carries the author id ({@code avatars/<id>/})
	 * @param replyPreview the quoted message above a reply, not part of the text
	 * @param edited       the "(edited)" marker inside the content, not part of the text
	 * @param beginning    shown when the channel's first message is loaded
	 * @param scroller     the scrolling container; empty finds the nearest scrollable ancestor of the items
	 */
	public record Selectors(@DefaultValue("li[id^=\"chat-messages-\"]") String item,
			@DefaultValue("time[datetime]") String timestamp,
			@DefaultValue("[id^=\"message-content-\"]") String content,
			@DefaultValue("[id^=\"message-username-\"]") String author,
			@DefaultValue("img[class*=\"avatar\"]") String avatar,
			@DefaultValue("[id^=\"message-reply-context-\"]") String replyPreview,
			@DefaultValue("[class*=\"edited\"]") String edited,
			@DefaultValue("[class*=\"emptyChannel\"]") String beginning, @DefaultValue("") String scroller) {

		public Selectors merge(Map<String, String> overrides) {
			if (overrides == null || overrides.isEmpty()) {
				return this;
			}
			return new Selectors(overrides.getOrDefault("item", item), overrides.getOrDefault("timestamp", timestamp),
					overrides.getOrDefault("content", content), overrides.getOrDefault("author", author),
					overrides.getOrDefault("avatar", avatar), overrides.getOrDefault("reply_preview", replyPreview),
					overrides.getOrDefault("edited", edited), overrides.getOrDefault("beginning", beginning),
					overrides.getOrDefault("scroller", scroller));
		}
	}

	/**
	 * @param apiUrl     Discord REST base URL ({@code DISCORD_API_URL})
	 * @param botToken   bot token used when a source names none ({@code DISCORD_BOT_TOKEN})
	 * @param pageSize   messages per request (Discord allows at most 100)
	 * @param max429     give up after this many consecutive 429 answers to one request
	 * @param timeout    per-request timeout
	 * @param rereadWindow every run after the first also re-reads the messages of this recent window: edits are
	 *                   updated in place (classified again, the dashboard's observations replaced) and a message gone
	 *                   from it is marked deleted (its observations withdrawn); 0 reads forward only
	 *                   ({@code DISCORD_REREAD_WINDOW})
	 */
	public record Discord(@DefaultValue("https://discord.com/api/v10") URI apiUrl, @DefaultValue("") String botToken,
			@DefaultValue("100") int pageSize, @DefaultValue("5") int max429, @DefaultValue("30s") Duration timeout,
			@DefaultValue("14d") Duration rereadWindow) {
	}

	/**
	 * @param enabled      run the outbox worker
	 * @param pollInterval how often due outbox items are looked for
	 * @param batchSize    outbox items taken per round
	 * @param classifyBatch texts per call to the classifier (its limit is 256)
	 * @param initialBackoff first retry delay after a failure; doubles up to {@code maxBackoff}
	 * @param maxBackoff   longest retry delay
	 * @param maxAttempts  attempts before an item whose input is refused (4xx) counts as failed
	 * @param timeout      per-call timeout to the classifier and dashboard
	 */
	public record Pipeline(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("64") int batchSize, @DefaultValue("256") int classifyBatch,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
			@DefaultValue("5") int maxAttempts, @DefaultValue("60s") Duration timeout) {
	}

	/**
	 * @param enabled start runs of sources whose schedule is due
	 * @param tick    how often due sources are looked for
	 */
	public record Schedule(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration tick) {
	}

	/**
	 * @param answerWithin  the import request waits this long for the run to finish before answering 202 with the
	 *                      running run
	 * @param maxMessages   refuse exports with more messages than this
	 * @param storeBatch    messages written per batch
	 * @param tempDir       where uploads wait while they are read: owner-only, emptied of leftovers at start
	 *                      ({@code SCRAPER_IMPORT_TEMP_DIR}; application.yml puts it under the store's data directory)
	 */
	public record Imports(@DefaultValue("30s") Duration answerWithin, @DefaultValue("2000000") int maxMessages,
			@DefaultValue("1000") int storeBatch, @DefaultValue("data/scraper/uploads") Path tempDir) {
	}

	/**
	 * @param storeTimeout longest wait for one batch to be stored; past it the run fails instead of hanging
	 */
	public record RunLimits(@DefaultValue("2m") Duration storeTimeout) {
	}

	/** A reflection template: its sections in their usual order. */
	public record Template(List<Section> sections) {

		/** The built-in templates: 5F, KPT and 4L. Configuration under {@code emotion.scraper.templates} replaces them. */
		static Map<String, Template> defaults() {
			var templates = new java.util.LinkedHashMap<String, Template>();
			templates.put("5f", new Template(List.of(
					new Section("fact", "사실", List.of("사실", "Fact", "Facts")),
					new Section("feeling", "느낌", List.of("느낌", "감정", "Feeling", "Feelings")),
					new Section("finding", "교훈", List.of("교훈", "배운 점", "깨달은 점", "Finding", "Findings")),
					new Section("future", "향후 행동",
							List.of("향후 행동 계획", "향후 행동", "향후 계획", "앞으로의 계획", "앞으로 할 일", "Future action", "Future actions", "Future")),
					new Section("feedback", "피드백", List.of("피드백", "Feedback")))));
			templates.put("kpt", new Template(List.of(new Section("keep", "Keep", List.of("Keep", "유지할 점", "유지")),
					new Section("problem", "Problem", List.of("Problem", "Problems", "문제점", "문제")),
					new Section("try", "Try", List.of("Try", "시도할 점", "시도")))));
			templates.put("4l", new Template(List.of(new Section("liked", "Liked", List.of("Liked", "좋았던 점")),
					new Section("learned", "Learned", List.of("Learned", "배운 점")),
					new Section("lacked", "Lacked", List.of("Lacked", "부족했던 점", "아쉬웠던 점")),
					new Section("longed_for", "Longed for", List.of("Longed for", "Longed-for", "바라는 점")))));
			return templates;
		}
	}

	/**
	 * @param key    the section id used in the API and in observations
	 * @param title  the display title
	 * @param labels every label writers use for it, Korean and English
	 */
	public record Section(String key, String title, List<String> labels) {
	}
}
