package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    @Test
    void countAliases_countsEachAliasOnce_atEveryLevel() {
        // GIVEN a document with one alias at the root, one nested and one in a fragment
        String query = "{ a: me { id } tenant { n: name ...T } } fragment T on Tenant { p: plan }";

        // WHEN its aliases are counted
        int aliases = DocumentCache.countAliases(Parser.parse(query));

        // THEN each alias counts once
        assertThat(aliases).isEqualTo(3);
    }

    @Test
    void countAliases_isZero_whenNoFieldIsAliased() {
        // GIVEN a document without aliases
        String query = "{ me { id email } tenant { name } }";

        // WHEN its aliases are counted
        int aliases = DocumentCache.countAliases(Parser.parse(query));

        // THEN none
        assertThat(aliases).isZero();
    }
}
