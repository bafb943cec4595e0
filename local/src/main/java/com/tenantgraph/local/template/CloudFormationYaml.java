package com.tenantgraph.local.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses a CloudFormation (or SAM) template written in YAML into plain maps, lists and scalars, as CloudFormation
 * reads it: the short-form tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub}, {@code !If}, …, any
 * {@code !Name}) become their long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}}, {@code {"Fn::Name": …}}), so a
 * reader meets one form whichever the template used. SnakeYAML's safe constructor builds everything else, so no tag
 * can instantiate a class; a duplicate key is an error, as it is for CloudFormation.
 */
public final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    /** The template's top-level mapping; a syntax error or a document that is not a mapping is an error naming it. */
    public static TemplateNode parse(String source, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try {
            document = new Yaml(new IntrinsicFunctions(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        TemplateNode root = new TemplateNode(source, "", document);
        if (!(document instanceof Map<?, ?>)) {
            throw root.problem("must be a mapping of template sections");
        }
        return root;
    }

    /** The safe constructor, plus one construct for every local tag ({@code !Name}): the short-form functions. */
    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions(LoaderOptions options) {
            super(options);
            yamlMultiConstructors.put("!", new ShortForm());
        }

        private final class ShortForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                String function = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                Object argument = argument(node);
                // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"]
                if (function.equals("Fn::GetAtt") && argument instanceof String text && text.contains(".")) {
                    int dot = text.indexOf('.');
                    argument = List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                return Map.of(function, argument);
            }

            private Object argument(Node node) {
                if (node instanceof ScalarNode scalar) {
                    return constructScalar(scalar);
                }
                if (node instanceof SequenceNode sequence) {
                    return constructSequence(sequence);
                }
                return constructMapping((MappingNode) node);
            }
        }
    }
}
