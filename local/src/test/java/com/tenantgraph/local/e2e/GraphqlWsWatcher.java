package com.tenantgraph.local.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.RepoFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The npm {@code graphql-ws} client (local/ws-client/watch.mjs, pinned by its lockfile) subscribing as front ends do,
 * one connection per subscriber, in a node process the test drives: it waits until every subscribe was handled, then
 * collects the JSON lines the program prints (events, errors, closes).
 */
final class GraphqlWsWatcher implements AutoCloseable {
    private static final Path PROGRAM_DIR = RepoFiles.root().resolve("local/ws-client");

    /** One subscriber: a name for the output, its ID token, its subscription document and variables. */
    record Subscriber(String name, String token, String query, Map<String, Object> variables) {
    }

    private final Process process;
    private final BlockingQueue<Map<String, Object>> lines = new LinkedBlockingQueue<>();
    private final List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
    private final StringBuilder output = new StringBuilder();

    private GraphqlWsWatcher(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "graphql-ws-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GraphqlWsWatcher start(String wsUrl, List<Subscriber> subscribers) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "watch.mjs").directory(PROGRAM_DIR.toFile())
                .redirectErrorStream(true);
        builder.environment().put("WS_URL", wsUrl);
        builder.environment().put("SUBSCRIBERS", JSON.std.asString(subscribers.stream().map(s -> Map.of("name",
                s.name(), "token", s.token(), "query", s.query(), "variables", s.variables())).toList()));
        GraphqlWsWatcher watcher = new GraphqlWsWatcher(builder.start());
        watcher.await(line -> Boolean.TRUE.equals(line.get("ready")), Duration.ofSeconds(60));
        return watcher;
    }

    @SuppressWarnings("unchecked")
    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.startsWith("{")) {
                    lines.add((Map<String, Object>) JSON.std.anyFrom(line));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /**
     * The first line printed so far or within {@code wait} that {@code condition} accepts; fails with the program's
     * output after the wait.
     */
    Map<String, Object> await(Predicate<Map<String, Object>> condition, Duration wait) throws InterruptedException {
        for (Map<String, Object> line : seen) {
            if (condition.test(line)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Map<String, Object> line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("graphql-ws printed nothing expected within " + wait + "; its output:\n"
                        + output());
            }
            seen.add(line);
            if (condition.test(line)) {
                return line;
            }
        }
    }

    /** Every line read so far (including those {@link #await} passed over) and any still queued. */
    List<Map<String, Object>> seen() {
        lines.drainTo(seen);
        return List.copyOf(seen);
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    static Predicate<Map<String, Object>> from(String name) {
        return line -> name.equals(line.get("name"));
    }

    @Override
    public void close() throws Exception {
        try (OutputStream in = process.getOutputStream()) {
            in.write("exit\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
