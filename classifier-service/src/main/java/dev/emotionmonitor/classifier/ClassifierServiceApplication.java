package dev.emotionmonitor.classifier;

import dev.emotionmonitor.classifier.model.DjlSetup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ClassifierServiceApplication {

	static {
		// before the PyTorch engine loads: offline natives from the jar, one intra-op thread per worker
		DjlSetup.configure(1);
	}

	public static void main(String[] args) {
		SpringApplication.run(ClassifierServiceApplication.class, args);
	}
}
