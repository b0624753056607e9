package dev.emotionmonitor.dashboard;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

	@Test
	void aMemberIsMatchedByGatewayIdOrAnyChatIdentity() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(Caller.ROLE_HEADER, "member");
		headers.add(Caller.ID_HEADER, "gw-7");
		headers.add(Caller.IDENTITIES_HEADER, "discord:123456789012345678, slack:U1");
		Caller caller = Caller.from(headers);
		assertThat(caller.privileged()).isFalse();
		assertThat(caller.is("gw-7")).isTrue();
		assertThat(caller.is("discord:123456789012345678")).isTrue();
		assertThat(caller.is("slack:U1")).isTrue();
		assertThat(caller.is("discord:1")).isFalse();
	}

	@Test
	void noRoleIsAnInternalCallAndAnUnknownRoleIsNoMoreThanAMember() {
		assertThat(Caller.from(new HttpHeaders()).privileged()).isTrue();
		HttpHeaders headers = new HttpHeaders();
		headers.add(Caller.ROLE_HEADER, "superuser");
		assertThat(Caller.from(headers).privileged()).isFalse();
		headers.set(Caller.ROLE_HEADER, "Admin");
		assertThat(Caller.from(headers).privileged()).isTrue();
	}

	@Test
	void koreanDisplayNamesSurviveHeaders() {
		assertThat(Caller.text("%EA%B4%80%EB%A6%AC%EC%9E%90")).isEqualTo("관리자");
		String rawUtf8AsLatin1 = new String("관리자".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
		assertThat(Caller.text(rawUtf8AsLatin1)).isEqualTo("관리자");
		assertThat(Caller.text("Jay Kim")).isEqualTo("Jay Kim");
	}
}
