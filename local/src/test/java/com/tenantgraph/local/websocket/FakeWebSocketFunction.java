package com.tenantgraph.local.websocket;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the WebSocket function in gateway tests: records every event it gets (as the runtime deserialized
 * it), accepts {@code $connect} choosing {@code graphql-transport-ws} when offered (or answers {@link #connectStatus}),
 * throws on a message whose body is {@code "boom"}, and, when told to, never finishes a {@code $disconnect}.
 */
final class FakeWebSocketFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    final BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
    volatile int connectStatus = 200;
    /** When set, {@code $disconnect} waits until its thread is interrupted (a handler stuck on a slow table). */
    volatile boolean disconnectHangs;
    /** One permit for every hanging {@code $disconnect} that was interrupted. */
    final Semaphore interruptedDisconnects = new Semaphore(0);

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        events.add(event);
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        if ("$connect".equals(event.getRequestContext().getRouteKey())) {
            response.setStatusCode(connectStatus);
            String offered = event.getHeaders().getOrDefault("Sec-WebSocket-Protocol", "");
            if (List.of(offered.split(",\\s*")).contains("graphql-transport-ws")) {
                response.setHeaders(Map.of("Sec-WebSocket-Protocol", "graphql-transport-ws"));
            }
        }
        if (disconnectHangs && "$disconnect".equals(event.getRequestContext().getRouteKey())) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interruptedDisconnects.release();
                Thread.currentThread().interrupt();
            }
        }
        if ("boom".equals(event.getBody())) {
            throw new IllegalStateException("boom");
        }
        return response;
    }

    /** The next event of {@code routeKey}, skipping others; fails after 10 s. */
    APIGatewayV2WebSocketEvent next(String routeKey) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            APIGatewayV2WebSocketEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && routeKey.equals(event.getRequestContext().getRouteKey())) {
                return event;
            }
        }
        throw new AssertionError("no " + routeKey + " event within 10 s");
    }
}
