package dev.emotionmonitor.common.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Accepts what curl sends for {@code '…?author=민지'}: raw UTF-8 (and other characters a URI may not hold) in the
 * request line is percent-encoded before Spring parses it; otherwise Reactor Netty's adapter fails to build the URI
 * and answers a bare 400 before any handler runs. Netty reads the request line byte by byte as ISO-8859-1, so each
 * char above 0x7F is one raw byte, and encoding it as {@code %XX} restores the UTF-8 a client should have sent.
 */
@AutoConfiguration
@ConditionalOnClass(HttpServer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RawUtf8RequestLineAutoConfiguration {

	@Bean
	NettyServerCustomizer percentEncodeRawRequestLines() {
		PercentEncodeRequestLine handler = new PercentEncodeRequestLine();
		return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "emotion.percentEncodeRequestLine", handler);
			}
		});
	}

	@ChannelHandler.Sharable
	static final class PercentEncodeRequestLine extends ChannelInboundHandlerAdapter {

		private static final String UNSAFE = "\"<>\\^`{|}";

		private static final char[] HEX = "0123456789ABCDEF".toCharArray();

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof HttpRequest request && needsEncoding(request.uri())) {
				request.setUri(encode(request.uri()));
			}
			context.fireChannelRead(message);
		}

		static boolean needsEncoding(String uri) {
			for (int i = 0; i < uri.length(); i++) {
				if (unsafe(uri.charAt(i))) {
					return true;
				}
			}
			return false;
		}

		static String encode(String uri) {
			StringBuilder encoded = new StringBuilder(uri.length() + 16);
			for (int i = 0; i < uri.length(); i++) {
				char c = uri.charAt(i);
				if (unsafe(c)) {
					int b = c & 0xFF;
					encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
				}
				else {
					encoded.append(c);
				}
			}
			return encoded.toString();
		}

		private static boolean unsafe(char c) {
			return c > 0x7E || c <= 0x20 || UNSAFE.indexOf(c) >= 0;
		}
	}
}
