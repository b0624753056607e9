package dev.emotionmonitor.dashboard.observation;

/** What one {@code POST /observations} did: new observations, replaced ones (new content) and exact repeats. */
record IngestResult(int received, int created, int replaced, int unchanged) {
}
