package dev.emotionmonitor.scraper.message;

/**
 * What storing one batch did: messages added, edited in place, and already known unchanged; {@code parseFailures} of
 * the added and edited ones could not be split into sections and were stored whole.
 */
public record StoreResult(int added, int updated, int duplicates, int parseFailures) {

	public static final StoreResult EMPTY = new StoreResult(0, 0, 0, 0);

	public StoreResult plus(StoreResult other) {
		return new StoreResult(added + other.added, updated + other.updated, duplicates + other.duplicates,
				parseFailures + other.parseFailures);
	}
}
