package dev.emotionmonitor.corpus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CorpusServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CorpusServiceApplication.class, args);
	}
}
