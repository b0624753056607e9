package dev.emotionmonitor.scraper.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.config.ScraperProperties.Selectors;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.run.ChannelCollector;
import dev.emotionmonitor.scraper.run.RunProgress;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.text.MessageText;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Collects a chat channel page in a real browser: opens it, then scrolls up round by round. Chat lists are
 * virtualised (only some dozens of items live in the DOM; older ones load at the top while newer ones are dropped),
 * so every round reads all items in the DOM and keeps them by message id. It stops at the channel's beginning, at the
 * source's {@code since}, or after {@code idle-rounds} rounds without a new item. Grouped follow-up messages carry no
 * author: they take the author of the item above, which may only load in a later round.
 */
@Component
class WebScraper implements ChannelCollector {

	private static final Logger log = LoggerFactory.getLogger(WebScraper.class);

	private static final Pattern CHANNEL_URL = Pattern.compile("/channels/(\\d+)/(\\d+)");

	private static final Pattern ITEM_ID = Pattern.compile("(\\d+)-(\\d+)$");

	private final ScraperProperties.Web settings;

	private final Browsers browsers;

	private final String readItems = script("read-items.js");

	private final String scrollUp = script("scroll-up.js");

	WebScraper(ScraperProperties properties, Browsers browsers) {
		this.settings = properties.web();
		this.browsers = browsers;
	}

	@Override
	public String kind() {
		return Source.WEB;
	}

	@Override
	public void collect(RunProgress progress) throws InterruptedException {
		Source source = progress.source();
		Selectors selectors = settings.selectors().merge(source.selectors());
		try (Browsers.Session session = browsers.open(source.profileDir())) {
			WebDriver driver = session.driver();
			driver.get(source.url());
			Collected collected = new Collected(source, guildId(source.url()));
			Snapshot latest = waitForItems(driver, selectors, source.url());
			collected.add(latest);
			int idle = 0;
			while (true) {
				collected.flushResolved(progress, settings.flushEvery());
				if (latest.beginning()) {
					// the channel's first message is in the DOM, and with it every item down to those read before
					break;
				}
				if (source.since() != null && collected.oldest() != null && collected.oldest().isBefore(source.since())) {
					break;
				}
				if (idle >= settings.idleRounds()) {
					break;
				}
				((JavascriptExecutor) driver).executeScript(scrollUp, selectors.item(), selectors.scroller());
				latest = awaitNewItems(driver, selectors, collected);
				idle = collected.lastRoundNew() == 0 ? idle + 1 : 0;
			}
			collected.flushAll(progress);
		}
	}

	private Snapshot waitForItems(WebDriver driver, Selectors selectors, String url) throws InterruptedException {
		long deadline = System.nanoTime() + settings.pageLoadTimeout().toNanos();
		while (true) {
			Snapshot snapshot = read(driver, selectors);
			if (!snapshot.items().isEmpty() || snapshot.beginning()) {
				return snapshot;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No chat item matched \"" + selectors.item() + "\" on " + url
						+ " within " + settings.pageLoadTimeout().toSeconds() + " s (page title \"" + snapshot.title()
						+ "\"): check that the browser profile is logged in and that the selectors fit the page");
			}
			Thread.sleep(settings.pollInterval().toMillis());
		}
	}

	/** Reads the page until an item not seen before appears (or the round times out) and adds what it read. */
	private Snapshot awaitNewItems(WebDriver driver, Selectors selectors, Collected collected)
			throws InterruptedException {
		long deadline = System.nanoTime() + settings.roundTimeout().toNanos();
		collected.startRound();
		while (true) {
			Thread.sleep(settings.pollInterval().toMillis());
			Snapshot snapshot = read(driver, selectors);
			collected.add(snapshot);
			if (collected.lastRoundNew() > 0 || System.nanoTime() > deadline) {
				return snapshot;
			}
		}
	}

	@SuppressWarnings("unchecked")
	private Snapshot read(WebDriver driver, Selectors selectors) {
		Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(readItems,
				selectors.item(), selectors.timestamp(), selectors.content(), selectors.author(), selectors.avatar(),
				selectors.replyPreview(), selectors.edited(), selectors.beginning());
		List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("items");
		return new Snapshot(items, Boolean.TRUE.equals(result.get("beginning")), (String) result.get("title"));
	}

	private static String guildId(String url) {
		Matcher matcher = CHANNEL_URL.matcher(url == null ? "" : url);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String script(String name) {
		try (InputStream input = WebScraper.class.getResourceAsStream("/web/" + name)) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Snapshot(List<Map<String, Object>> items, boolean beginning, String title) {
	}

	/** An item as read, with its author once known (a follow-up learns it from the item above). */
	private static final class Item {

		final Map<String, Object> raw;

		String author;

		String authorId;

		boolean flushed;

		Item(Map<String, Object> raw) {
			this.raw = raw;
			this.author = (String) raw.get("author");
			this.authorId = (String) raw.get("authorId");
		}

		String id() {
			return (String) raw.get("id");
		}
	}

	/** Everything read so far, by message id. */
	private static final class Collected {

		private final Source source;

		private final String guildId;

		private final Map<String, Item> items = new LinkedHashMap<>();

		private int roundNew;

		private Instant oldest;

		private int errors;

		Collected(Source source, String guildId) {
			this.source = source;
			this.guildId = guildId;
		}

		void startRound() {
			roundNew = 0;
		}

		int lastRoundNew() {
			return roundNew;
		}

		Instant oldest() {
			return oldest;
		}

		void add(Snapshot snapshot) {
			Item above = null;
			for (Map<String, Object> raw : snapshot.items()) {
				String id = (String) raw.get("id");
				if (id == null) {
					continue;
				}
				Item item = items.get(id);
				if (item == null) {
					item = new Item(raw);
					items.put(id, item);
					roundNew++;
					Instant time = time((String) raw.get("time"));
					if (time != null && (oldest == null || time.isBefore(oldest))) {
						oldest = time;
					}
				}
				if (item.author == null && above != null && above.author != null) {
					item.author = above.author;
					item.authorId = above.authorId;
				}
				above = item;
			}
		}

		void flushResolved(RunProgress progress, int batch) {
			List<Item> ready = items.values().stream().filter(i -> !i.flushed && i.author != null).toList();
			if (ready.size() >= batch) {
				flush(progress, ready);
			}
		}

		void flushAll(RunProgress progress) {
			List<Item> rest = items.values().stream().filter(i -> !i.flushed).toList();
			List<Item> orphans = rest.stream().filter(i -> i.author == null).toList();
			if (!orphans.isEmpty()) {
				log.warn("{} items never showed an author (first {}); stored with an unknown author", orphans.size(),
						orphans.get(0).id());
			}
			flush(progress, rest);
			progress.error(errors + orphans.size());
		}

		private void flush(RunProgress progress, List<Item> ready) {
			List<ScrapedMessage> messages = new ArrayList<>();
			for (Item item : ready) {
				item.flushed = true;
				ScrapedMessage message = toMessage(item);
				if (message == null) {
					errors++;
				}
				else {
					messages.add(message);
				}
			}
			messages.sort(Comparator.comparing(ScrapedMessage::timestamp));
			progress.store(messages);
		}

		private ScrapedMessage toMessage(Item item) {
			Map<String, Object> raw = item.raw;
			Instant time = time((String) raw.get("time"));
			if (time == null) {
				log.warn("Item {} has no readable timestamp; skipped", raw.get("domId"));
				return null;
			}
			Matcher ids = ITEM_ID.matcher(String.valueOf(raw.get("domId")));
			String channelId = ids.find() ? ids.group(1) : source.channelId();
			String author = item.author != null ? item.author : "unknown";
			String edited = (String) raw.get("edited");
			String replyTo = (String) raw.get("replyTo");
			// the page shows mentions by name already; the normaliser drops code, quotes and markup as for the API
			String content = raw.get("content") instanceof String value ? value : "";
			return new ScrapedMessage(item.id(), guildId != null ? guildId : source.guildId(), source.guildName(),
					channelId != null ? channelId : source.channelId(), source.channelName(), null, null, item.authorId,
					author, author, false, time, time(edited), content, MessageText.normalise(content),
					replyTo != null ? ScrapedMessage.REPLY : ScrapedMessage.DEFAULT, replyTo);
		}

		private static Instant time(String value) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
	}
}
