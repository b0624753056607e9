package dev.emotionmonitor.common.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every job kind of a service keeps its store current ({@code EMOTION_JOBS_*} from the environment).
 *
 * @param progressEvery  a running job's progress is saved at most this often (plus at the milestones it names)
 * @param heartbeatEvery how often a replica beats for the jobs it holds (queued or running)
 * @param staleAfter     a job not final whose owner has not beaten for this long is marked interrupted
 * @param recoveryEvery  how often a replica looks for such jobs (also once at start)
 * @param pollEvery      how often an event stream reads its job from the store
 */
@ConfigurationProperties("emotion.jobs")
public record JobProperties(@DefaultValue("1s") Duration progressEvery, @DefaultValue("5s") Duration heartbeatEvery,
		@DefaultValue("30s") Duration staleAfter, @DefaultValue("10s") Duration recoveryEvery,
		@DefaultValue("500ms") Duration pollEvery) {

	public JobProperties {
		if (staleAfter.compareTo(heartbeatEvery.multipliedBy(2)) <= 0) {
			throw new IllegalArgumentException("emotion.jobs.stale-after (" + staleAfter
					+ ") must be more than twice emotion.jobs.heartbeat-every (" + heartbeatEvery + ")");
		}
	}
}
