package dev.emotionmonitor.scraper.message;

/**
 * Where a batch of messages comes from.
 *
 * @param sourceId the source resource
 * @param site     the chat platform ({@code discord}); message ids are unique within it
 * @param template the reflection template to use, or null to try them all
 */
public record Origin(String sourceId, String site, String template) {
}
