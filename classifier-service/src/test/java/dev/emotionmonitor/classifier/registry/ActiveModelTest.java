package dev.emotionmonitor.classifier.registry;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveModelTest {

	@Test
	void isDownUntilAModelIsLoaded() {
		ActiveModel active = new ActiveModel();
		assertThat(active.health().block().getStatus()).isEqualTo(Status.DOWN);
		assertThat(active.current()).isNull();
		active.close();
	}
}
