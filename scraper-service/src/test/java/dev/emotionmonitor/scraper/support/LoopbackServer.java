package dev.emotionmonitor.scraper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP server on 127.0.0.1 that a test can stop and start again on the same port. */
public abstract class LoopbackServer implements AutoCloseable {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private HttpServer server;

	private ExecutorService executor;

	private int port;

	/** Starts on a free port the first time, on the same port afterwards. */
	public synchronized LoopbackServer start() {
		for (int attempt = 0;; attempt++) {
			try {
				server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
				break;
			}
			catch (BindException ex) {
				if (attempt > 50) {
					throw new UncheckedIOException(ex);
				}
				sleep(100);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		executor = Executors.newFixedThreadPool(4);
		server.setExecutor(executor);
		server.createContext("/", exchange -> {
			try {
				handle(exchange);
			}
			catch (RuntimeException ex) {
				send(exchange, 500, "application/json", "{\"detail\":\"" + ex + "\"}");
			}
			finally {
				exchange.close();
			}
		});
		server.start();
		port = server.getAddress().getPort();
		return this;
	}

	public synchronized void stop() {
		if (server != null) {
			server.stop(0);
			executor.shutdownNow();
			server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	protected abstract void handle(HttpExchange exchange) throws IOException;

	protected static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.getResponseBody().flush();
	}

	protected static String body(HttpExchange exchange) throws IOException {
		return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
	}

	protected static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
