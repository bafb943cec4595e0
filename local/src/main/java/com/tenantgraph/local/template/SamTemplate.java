package com.tenantgraph.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS SAM template with its parameters given values, as {@code sam deploy --parameter-overrides} would give them:
 * an override, else the parameter's {@code Default}, each checked against the parameter's own constraints
 * ({@code AllowedValues}, {@code AllowedPattern}, {@code MinValue}/{@code MaxValue},
 * {@code MinLength}/{@code MaxLength}). What the local stack reads from template.yaml it reads through this class:
 * resources by type, their properties with SAM's {@code Globals} applied, values that are plain or a {@code Ref} to a
 * parameter, and the resource a {@code Ref} or {@code Fn::GetAtt} names.
 */
public final class SamTemplate {
    /** The SAM resource types whose properties {@code Globals} sections supply. */
    private static final Map<String, String> GLOBALS = Map.of(
            "AWS::Serverless::Function", "Function",
            "AWS::Serverless::Api", "Api",
            "AWS::Serverless::HttpApi", "HttpApi",
            "AWS::Serverless::SimpleTable", "SimpleTable",
            "AWS::Serverless::StateMachine", "StateMachine",
            "AWS::Serverless::LayerVersion", "LayerVersion");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final TemplateNode root;
    private final Map<String, String> parameters;

    private SamTemplate(TemplateNode root, Map<String, String> overrides) {
        this.root = root;
        this.parameters = parameterValues(root.get("Parameters"), overrides);
    }

    /** Reads {@code file}; {@code parameterOverrides} maps parameter names to values. */
    public static SamTemplate read(Path file, Map<String, String> parameterOverrides) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SAM template " + file.toAbsolutePath(), e);
        }
        return parse(file.getFileName().toString(), yaml, parameterOverrides);
    }

    /** A template given as text; {@code source} names it in errors. */
    public static SamTemplate parse(String source, String yaml, Map<String, String> parameterOverrides) {
        return new SamTemplate(CloudFormationYaml.parse(source, yaml), parameterOverrides);
    }

    public TemplateNode root() {
        return root;
    }

    /** The resources of one type, by logical id, in the template's order. */
    public Map<String, TemplateNode> resourcesOfType(String type) {
        Map<String, TemplateNode> found = new LinkedHashMap<>();
        root.require("Resources").entries().forEach((id, resource) -> {
            if (type.equals(resource.require("Type").text())) {
                found.put(id, resource);
            }
        });
        return Collections.unmodifiableMap(found);
    }

    /**
     * A property of a resource, else the value {@code Globals} gives every resource of its SAM type (SAM merges maps
     * and lists of the two; what the local stack reads is always set in one place or the other).
     */
    public TemplateNode property(String logicalId, String name) {
        TemplateNode resource = root.require("Resources").require(logicalId);
        TemplateNode own = resource.get("Properties").get(name);
        String section = GLOBALS.get(resource.require("Type").text());
        if (own.isPresent() || section == null) {
            return own;
        }
        return root.get("Globals").get(section).get(name);
    }

    /** The value of a parameter: its override, else its default. */
    public String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw root.get("Parameters").get(name).problem(parameters.containsKey(name)
                    ? "has no Default: give it a value" : "is not a parameter of the template");
        }
        return value;
    }

    /**
     * A plain value, the value of the parameter a {@code Ref} names, or a {@code Fn::Sub} string whose every
     * {@code ${Name}} is a parameter (such as {@code !Sub "'${CorsAllowOrigin}'"}).
     */
    public String value(TemplateNode node) {
        var function = node.intrinsic();
        if (function.isEmpty()) {
            return node.text();
        }
        if (function.get().getKey().equals("Ref") && parameters.containsKey(function.get().getValue().text())) {
            return parameter(function.get().getValue().text());
        }
        if (function.get().getKey().equals("Fn::Sub") && function.get().getValue().value() instanceof String text) {
            Matcher variable = SUB_VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (variable.find()) {
                if (!parameters.containsKey(variable.group(1))) {
                    throw node.problem("substitutes ${" + variable.group(1) + "}, which is not a parameter of the"
                            + " template (the local stack substitutes parameters only)");
                }
                variable.appendReplacement(result, Matcher.quoteReplacement(parameter(variable.group(1))));
            }
            return variable.appendTail(result).toString();
        }
        throw node.problem("must be a plain value, a Ref to a parameter or a Fn::Sub of parameters (found "
                + function.get().getKey() + ")");
    }

    /**
     * The logical id of the resource that a {@code Ref} ({@code X}, or SAM's {@code X.Alias} and {@code X.Version})
     * or a {@code Fn::GetAtt} ({@code X.Arn}) names.
     */
    public String referencedResource(TemplateNode node) {
        var function = node.intrinsic().orElseThrow(() -> node.problem("must be a Ref or a Fn::GetAtt of a resource"));
        String id = switch (function.getKey()) {
            case "Ref" -> function.getValue().text().replaceFirst("\\.(Alias|Version)$", "");
            case "Fn::GetAtt" -> function.getValue().items().get(0).text();
            default -> throw node.problem("must be a Ref or a Fn::GetAtt of a resource, not " + function.getKey());
        };
        if (!root.require("Resources").get(id).isPresent()) {
            throw node.problem("names " + id + ", which is not a resource of the template");
        }
        return id;
    }

    private static Map<String, String> parameterValues(TemplateNode declared, Map<String, String> overrides) {
        overrides.keySet().forEach(name -> {
            if (!declared.get(name).isPresent()) {
                throw declared.get(name).problem("is not a parameter of the template, so it cannot be given a value");
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        declared.entries().forEach((name, parameter) -> {
            String value = overrides.containsKey(name) ? overrides.get(name) : parameter.get("Default").textOr(null);
            if (value != null) {
                checkConstraints(parameter, value);
            }
            values.put(name, value);
        });
        return Collections.unmodifiableMap(values);
    }

    /** CloudFormation's checks of a parameter value, with its error wording where it has one. */
    private static void checkConstraints(TemplateNode parameter, String value) {
        List<String> allowed = parameter.get("AllowedValues").items().stream().map(TemplateNode::text).toList();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw parameter.problem("must be one of " + allowed + ", not '" + value + "'");
        }
        String pattern = parameter.get("AllowedPattern").textOr(null);
        if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            throw parameter.problem("must match pattern " + pattern + ", not '" + value + "'");
        }
        checkLength(parameter, value);
        if (parameter.require("Type").text().equals("Number")) {
            checkNumber(parameter, value);
        }
    }

    private static void checkLength(TemplateNode parameter, String value) {
        String min = parameter.get("MinLength").textOr(null);
        String max = parameter.get("MaxLength").textOr(null);
        if (min != null && value.length() < Integer.parseInt(min)) {
            throw parameter.problem("must be at least " + min + " characters long, not '" + value + "'");
        }
        if (max != null && value.length() > Integer.parseInt(max)) {
            throw parameter.problem("must be at most " + max + " characters long, not '" + value + "'");
        }
    }

    private static void checkNumber(TemplateNode parameter, String value) {
        BigDecimal number;
        try {
            number = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw parameter.problem("must be a number, not '" + value + "'");
        }
        String min = parameter.get("MinValue").textOr(null);
        String max = parameter.get("MaxValue").textOr(null);
        if (min != null && number.compareTo(new BigDecimal(min)) < 0) {
            throw parameter.problem("must be at least " + min + ", not " + value);
        }
        if (max != null && number.compareTo(new BigDecimal(max)) > 0) {
            throw parameter.problem("must be at most " + max + ", not " + value);
        }
    }
}
