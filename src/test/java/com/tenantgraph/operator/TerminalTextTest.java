package com.tenantgraph.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the operator command line prints can never drive the operator's terminal. */
class TerminalTextTest {
    @Test
    void controlAndBidiCharactersAreShownEscaped() {
        assertThat(TerminalText.safe("evil\u001b[2J\u001b]0;pwned\u0007 name"))
                .isEqualTo("evil\\u001b[2J\\u001b]0;pwned\\u0007 name");
        assertThat(TerminalText.safe("a\tb\nc\rd\u009be\u202ef\u007f")).isEqualTo("a\\u0009b\\u000ac\\u000dd\\u009be\\u202ef\\u007f");
        assertThat(TerminalText.safe("back\\slash")).isEqualTo("back\\\\slash");
        assertThat(TerminalText.safe("Zoë 👩‍💻 مشروع")).isEqualTo("Zoë 👩‍💻 مشروع");
    }

    @Test
    void anArgumentEchoedInAnErrorIsEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OperatorCli.run(new String[] {"users", "list", "--tenant", "x\u001b[31mred"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(OperatorCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b").contains("x\\u001b[31mred");
    }
}
