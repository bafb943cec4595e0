package com.tenantgraph.graphql.pagination;

import com.tenantgraph.data.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads the cursor keys from the Secrets Manager secret of template.yaml, once, at init (with SnapStart, at snapshot
 * time: the cost never reaches a request). AWSCURRENT signs and AWSPREVIOUS (when there is one) still verifies, each
 * with the first 8 characters of its version id as key id, so a rotation keeps the cursors clients hold valid. A new
 * rotation reaches a warm container when it is recycled; cursors signed by a newer key are refused by an older
 * container as bad input, which a client answers by restarting the list.
 *
 * <p>Why not a CloudFormation dynamic reference into an environment variable: the secret would then be readable in
 * the function's configuration by anyone allowed to read it.
 */
final class SecretsManagerCursorKeys {
    static final String ENV = "CURSOR_SECRET_ARN";

    private SecretsManagerCursorKeys() {
    }

    static CursorKeys load(String arn, String region) {
        try (SecretsManagerClient client = AwsClients.build(SecretsManagerClient.builder(),
                new AwsClients.Settings(Region.of(region), null, AwsClients.Timeouts.INIT, List.of()))) {
            return load(client, arn);
        }
    }

    static CursorKeys load(SecretsManagerClient client, String arn) {
        List<Map.Entry<String, byte[]>> keys = new ArrayList<>();
        GetSecretValueResponse current = client.getSecretValue(b -> b.secretId(arn).versionStage("AWSCURRENT"));
        keys.add(CursorKeys.fromSecretString(kid(current), current.secretString()));
        try {
            GetSecretValueResponse previous = client.getSecretValue(b -> b.secretId(arn)
                    .versionStage("AWSPREVIOUS"));
            if (!previous.versionId().equals(current.versionId())) {
                keys.add(CursorKeys.fromSecretString(kid(previous), previous.secretString()));
            }
        } catch (ResourceNotFoundException noPreviousVersion) {
            // a secret that was never rotated has no AWSPREVIOUS
        }
        return CursorKeys.of(keys);
    }

    private static String kid(GetSecretValueResponse version) {
        String id = version.versionId().replaceAll("[^A-Za-z0-9_-]", "");
        return id.substring(0, Math.min(8, id.length()));
    }
}
