package dev.emotionmonitor.dashboard.observation;

/** What a withdrawal removed: observations (every section of every member) and the messages that had any. */
record Withdrawal(int withdrawn, int messages) {
}
