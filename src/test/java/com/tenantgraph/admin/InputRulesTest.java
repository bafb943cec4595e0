package com.tenantgraph.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Identifiers people type never carry control or bidirectional-formatting characters (terminal escape injection). */
class InputRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a\u001b[31m@example.com", "a\u0007b@example.com", "a\u007fb@example.com",
            "a\u009bb@example.com", "ab\u202e@example.com", "a\u200bb@example.com", "ab@exa\u001bmple.com"})
    void anEmailWithAControlOrFormatCharacterIsRefused(String email) {
        assertThatThrownBy(() -> InputRules.email("email", email))
                .isInstanceOfSatisfying(InputRules.InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Eve\u202eevil", "Eve\u2066x\u2069", "a\u001b]0;title\u0007", "x\u0085y"})
    void aNameWithAControlOrBidiCharacterIsRefused(String name) {
        assertThatThrownBy(() -> InputRules.personName("name", name))
                .isInstanceOf(InputRules.InvalidInputException.class);
        assertThatThrownBy(() -> InputRules.workspaceName("name", name))
                .isInstanceOf(InputRules.InvalidInputException.class);
    }

    @Test
    void ordinaryValuesPass() {
        assertThat(InputRules.email("email", " Ann.Lee+x@Example.COM ")).isEqualTo("ann.lee+x@example.com");
        assertThat(InputRules.personName("name", "Zoë 👩‍💻 O'Neil")).isEqualTo("Zoë 👩‍💻 O'Neil");
        assertThat(InputRules.workspaceName("name", "مشروع Acme")).isEqualTo("مشروع Acme");
    }
}
