// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 for one test, recording what it was asked. */
final class LoopbackServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, URI uri, com.sun.net.httpserver.Headers headers, String body) {}

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    LoopbackServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(), body));
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static HttpHandler json(int status, String json) {
        return exchange -> respond(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static HttpHandler sleeping(long millis) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        };
    }

    static String resource(String name) {
        try (InputStream in = LoopbackServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port on which nothing listens: a closed server's. */
    static URI nothingListening() {
        try (LoopbackServer closed = new LoopbackServer()) {
            return closed.uri();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
