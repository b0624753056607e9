package dev.emotionmonitor.scraper.run;

/** Collects the messages of one kind of source (web page, bot API) into a run. Runs on a worker thread. */
public interface ChannelCollector {

	String kind();

	void collect(RunProgress progress) throws Exception;
}
