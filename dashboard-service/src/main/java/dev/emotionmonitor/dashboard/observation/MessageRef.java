package dev.emotionmonitor.dashboard.observation;

/** One message named in a withdrawal: the observation source (the message's site, such as discord) and its id. */
record MessageRef(String source, String messageId) {
}
