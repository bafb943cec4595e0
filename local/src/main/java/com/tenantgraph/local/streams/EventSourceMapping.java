package com.tenantgraph.local.streams;

import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.template.TemplateNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DynamoDB stream event source mapping as template.yaml declares it, read when the local stack starts: the function
 * (logical id), the table whose stream it reads, and how Lambda polls it: starting position, batch size, batching
 * window, filter patterns, whether the function reports partial batch failures ({@code ReportBatchItemFailures}), and
 * how many times a failed batch is retried before it goes to the on-failure destination (-1: until the records
 * expire). Declared either as a SAM function's {@code DynamoDB} event or as an {@code AWS::Lambda::EventSourceMapping}.
 */
public record EventSourceMapping(String function, String table, String startingPosition, int batchSize,
                                 Duration batchingWindow, List<String> filterPatterns, boolean reportsItemFailures,
                                 int maximumRetryAttempts) {
    /** Lambda's default batch size for DynamoDB streams. */
    static final int DEFAULT_BATCH_SIZE = 100;

    public EventSourceMapping {
        filterPatterns = List.copyOf(filterPatterns);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("BatchSize must be 1-10000 for a DynamoDB stream: " + batchSize);
        }
        if (!startingPosition.equals("LATEST") && !startingPosition.equals("TRIM_HORIZON")) {
            throw new IllegalArgumentException("StartingPosition must be LATEST or TRIM_HORIZON: " + startingPosition);
        }
    }

    /** The template's mappings from a DynamoDB table's stream to a function; empty when it has none. */
    public static List<EventSourceMapping> fromTemplate(SamTemplate template) {
        List<EventSourceMapping> mappings = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(function ->
                template.property(function, "Events").entries().forEach((name, event) -> {
                    if ("DynamoDB".equals(event.require("Type").text())) {
                        mappings.add(read(template, function, event.require("Properties"), "Stream"));
                    }
                }));
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((id, resource) -> {
            TemplateNode properties = resource.require("Properties");
            mappings.add(read(template, template.referencedResource(properties.require("FunctionName")), properties,
                    "EventSourceArn"));
        });
        return mappings;
    }

    /** The one mapping to {@code function}, if the template has it. */
    public static Optional<EventSourceMapping> ofFunction(SamTemplate template, String function) {
        return fromTemplate(template).stream().filter(mapping -> mapping.function().equals(function)).findFirst();
    }

    private static EventSourceMapping read(SamTemplate template, String function, TemplateNode properties,
                                           String streamProperty) {
        TemplateNode stream = properties.require(streamProperty);
        String table = template.referencedResource(stream);
        List<String> patterns = new ArrayList<>();
        properties.get("FilterCriteria").get("Filters").items()
                .forEach(filter -> patterns.add(template.value(filter.require("Pattern"))));
        boolean reportsFailures = properties.get("FunctionResponseTypes").items().stream()
                .anyMatch(type -> "ReportBatchItemFailures".equals(type.text()));
        return new EventSourceMapping(function, table,
                template.value(properties.require("StartingPosition")),
                Integer.parseInt(textOr(template, properties.get("BatchSize"), String.valueOf(DEFAULT_BATCH_SIZE))),
                Duration.ofSeconds(Long.parseLong(textOr(template, properties.get("MaximumBatchingWindowInSeconds"),
                        "0"))),
                patterns, reportsFailures,
                Integer.parseInt(textOr(template, properties.get("MaximumRetryAttempts"), "-1")));
    }

    private static String textOr(SamTemplate template, TemplateNode node, String fallback) {
        return node.isPresent() ? template.value(node) : fallback;
    }
}
