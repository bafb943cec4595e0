package com.tenantgraph.local.cognito;

import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.template.TemplateNode;
import java.util.List;

/**
 * The attribute permissions of one app client as template.yaml declares them ({@code ReadAttributes},
 * {@code WriteAttributes}): the one source from which the local pool's clients are created and from which
 * {@link WriteAttributesProxy} enforces what cognito-local ignores. Nothing here repeats the lists, so a new
 * client-writable attribute in the template is enforced locally as it is on AWS.
 */
public record AppClientAttributes(String logicalId, List<String> read, List<String> write) {
    /** The web app client of template.yaml (the local pool's {@code web-local}). */
    public static final String WEB_CLIENT = "WebClient";
    /** The explorer client of template.yaml (the local pool's {@code explorer-local}). */
    public static final String EXPLORER_CLIENT = "ExplorerClient";
    private static final String TYPE = "AWS::Cognito::UserPoolClient";

    public AppClientAttributes {
        read = List.copyOf(read);
        write = List.copyOf(write);
    }

    /**
     * The client {@code logicalId} of {@code template}. Both lists must be written out: without
     * {@code WriteAttributes} Cognito lets a client write every standard attribute, which is no rule to emulate.
     */
    public static AppClientAttributes fromTemplate(SamTemplate template, String logicalId) {
        if (!template.resourcesOfType(TYPE).containsKey(logicalId)) {
            throw template.root().get("Resources").get(logicalId).problem("must be an " + TYPE
                    + " (the local user pool's app clients take their attribute permissions from it)");
        }
        return new AppClientAttributes(logicalId, names(template, logicalId, "ReadAttributes"),
                names(template, logicalId, "WriteAttributes"));
    }

    private static List<String> names(SamTemplate template, String logicalId, String property) {
        TemplateNode list = template.property(logicalId, property);
        if (!list.isPresent()) {
            throw list.problem("is missing: list the attributes the client may "
                    + (property.startsWith("Read") ? "read" : "write") + " explicitly");
        }
        return list.items().stream().map(TemplateNode::text).toList();
    }
}
