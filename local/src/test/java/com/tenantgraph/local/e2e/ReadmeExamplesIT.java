package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.seed.DemoData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every ```graphql example in README.md runs against the local stack without errors, so the docs cannot drift. */
@ExtendWith(SharedLocalStack.class)
class ReadmeExamplesIT {
    private static final Pattern GRAPHQL_BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyGraphqlExampleInTheReadme_runsWithoutErrors(LocalStack stack) throws IOException {
        // GIVEN the README's GraphQL examples and a signed-in demo admin
        List<String> examples = examples(RepoFiles.root().resolve("README.md"));
        assertThat(examples).isNotEmpty();
        ApiClient api = new ApiClient(stack);
        String token = api.idToken("ada@acme.test", DemoData.PASSWORD);

        for (String example : examples) {
            // WHEN each example is sent as written
            ApiClient.Response response = api.query(token, example);

            // THEN it succeeds with data and no errors
            assertThat(response.status()).as(example).isEqualTo(200);
            assertThat(response.body()).as(example).doesNotContainKey("errors").containsKey("data");
        }
    }

    private static List<String> examples(Path readme) throws IOException {
        Matcher matcher = GRAPHQL_BLOCK.matcher(Files.readString(readme));
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
