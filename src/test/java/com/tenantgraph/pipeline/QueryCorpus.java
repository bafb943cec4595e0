package com.tenantgraph.pipeline;

import java.util.List;

/**
 * Hand-written documents for the fast parser, each with what is expected of it. The reproducers of bugs found by
 * the fuzzers are named {@code bug-...} and stay here once fixed.
 */
final class QueryCorpus {

    /** What {@link QueryParser#tryParse} must do with a case (graphql-java's outcome is checked to match). */
    enum Expect {
        /** graphql-java parses it and the fast path must too, to an equal Document. */
        ACCEPT,
        /** graphql-java parses it; the fast path may decline it (unusual), but if it parses it, equally. */
        MAY_DECLINE,
        /** graphql-java refuses it: the fast path must decline. */
        REJECT
    }

    record Case(String name, Expect expect, String text) {
    }

    private static Case accept(String name, String text) {
        return new Case(name, Expect.ACCEPT, text);
    }

    private static Case mayDecline(String name, String text) {
        return new Case(name, Expect.MAY_DECLINE, text);
    }

    private static Case reject(String name, String text) {
        return new Case(name, Expect.REJECT, text);
    }

    static final List<Case> CASES = List.of(
            // --- operations and definitions
            accept("shorthand", "{ me { id } }"),
            accept("shorthand, no spaces", "{me{id}}"),
            accept("named query", "query Me { me { id email role } tenant { name } }"),
            accept("anonymous query keyword", "query { a }"),
            accept("mutation", "mutation M($input: CreateProjectInput!) { createProject(input: $input) { id } }"),
            accept("subscription", "subscription OnTask { taskChanged(projectId: \"p\") { id } }"),
            accept("several operations", "query A { a } query B { b } mutation C { c } subscription D { d }"),
            accept("several anonymous operations (valid syntax, invalid document)", "{ a } { b } query { c }"),
            accept("operation then fragment", "query Q { ...F } fragment F on Query { a }"),
            accept("fragment first", "fragment F on Query { a } { ...F }"),
            accept("aliases", "{ x: me { y: id } z: tenant { name } }"),
            accept("alias equal to the field", "{ me: me { id: id } }"),
            accept("__typename", "{ __typename me { __typename } }"),
            // --- keywords as names
            accept("keywords as field names", "{ query mutation subscription fragment on true false null type "
                    + "schema scalar interface implements enum union input extend directive repeatable }"),
            accept("keywords as aliases", "{ query: a on: b true: c null: d fragment: e type: f }"),
            accept("keywords as operation names", "query query { a } mutation mutation { b } "
                    + "subscription subscription { c } query on { d } query true { e } query null { f }"),
            accept("keywords as argument names", "{ f(on: 1, query: 2, true: 3, null: 4, fragment: 5, type: 6) }"),
            accept("keywords as variable names", "query ($on: Int, $true: Int, $null: Int, $query: Int, $type: Int)"
                    + " { f(a: $on, b: $true, c: $null, d: $query, e: $type) }"),
            accept("keywords as type names", "query ($a: on, $b: true, $c: [null!]!, $d: query) { ... on on { a }"
                    + " ... on true { b } ... on fragment { c } }"),
            accept("keywords as fragment names", "{ ...query ...true ...null ...fragment ...type } "
                    + "fragment query on Q { a } fragment true on Q { a } fragment null on Q { a } "
                    + "fragment fragment on on { a } fragment type on type { a }"),
            accept("keywords as directive names", "{ a @on @true @null @query @fragment @include(if: true) }"),
            accept("keywords as enum values", "{ f(a: on, b: query, c: fragment, d: type, e: ON, f: True) }"),
            accept("keywords as object field names", "{ f(a: { on: 1, true: 2, null: 3, query: 4 }) }"),
            reject("on as a fragment name", "fragment on on Q { a }"),
            reject("spread named on is an inline fragment missing its type", "{ ...on }"),
            // --- fragments
            accept("inline fragment with type condition", "{ node { ... on Project { name } } }"),
            accept("inline fragment without type condition", "{ ... { a } ... @include(if: $x) { b } }"),
            accept("inline fragment with directives", "{ ... on T @skip(if: true) @d { a } }"),
            accept("spread with directives", "{ ...F @include(if: $v) @d(a: 1) } fragment F on Q @f { a }"),
            accept("spread glued to on-prefixed name", "{ ...onX ...one } fragment onX on Q { a } fragment one on Q "
                    + "{ b }"),
            accept("inline fragment glued", "{...on T{a}}"),
            accept("spaces inside the spread", "{ ... F ... on T { a } }"),
            reject("dots apart", "{ . .. F }"),
            reject("two dots", "{ ..F }"),
            // --- variables
            accept("variable types", "query ($a: Int, $b: Int!, $c: [Int], $d: [Int!]!, $e: [[Int!]]!, "
                    + "$f: [[[String]!]!]) { a }"),
            accept("variable defaults", "query ($a: Int = 1, $b: [Int] = [1, 2], $c: In = {a: {b: [null]}}, "
                    + "$d: String = \"x\", $e: E = RED, $f: Boolean = false, $g: F = 1.5, $h: N = null) { a }"),
            accept("variable definition directives", "query ($a: Int @d, $b: Int = 1 @d(x: 1) @e) { a }"),
            accept("variables in arguments, lists and objects", "{ f(a: $a, b: [$b, [$c]], c: {d: $d, e: {f: $f}}) }"),
            reject("variable in a default value", "query ($a: Int = $b) { a }"),
            accept("variable in a variable definition's directive", "query ($a: Int @d(x: $b)) { a }"),
            mayDecline("spaces after $ and @", "query ($ a: Int) @ d { f(x: $ a) @ e }"),
            reject("empty variable list", "query () { a }"),
            // --- directives on every executable location
            accept("directives everywhere", "query Q($v: Int = 1 @vd) @q { f(a: 1) @field { g @g } ...F @spread "
                    + "... on T @inline { h } ... @noType { i } } fragment F on T @frag { j } "
                    + "mutation @m { k } subscription S @s @t(a: [1]) { l }"),
            // --- values
            accept("all value kinds", "{ f(i: 1, f: 1.5, s: \"s\", t: true, n: null, e: ENUM, l: [1, \"a\", [true]],"
                    + " o: {a: 1, b: {c: [{d: null}]}}, v: $v) }"),
            accept("empty list and object", "{ f(a: [], b: {}, c: [[]], d: [{}]) }"),
            accept("nested lists and objects", "{ f(a: [[[[1]]]], b: {a: {b: {c: {d: [[{e: 1}]]}}}}) }"),
            accept("int zero", "{ f(a: 0) }"),
            accept("int minus zero", "{ f(a: -0) }"),
            accept("large ints", "{ f(a: 2147483648, b: -9223372036854775809, c: 123456789012345678901234567890) }"),
            accept("float exponent", "{ f(a: 1e10, b: 1E10, c: 1e+10, d: 1e-10, e: -1e0, f: 0e0) }"),
            accept("float fraction and exponent", "{ f(a: 1.5E-3, b: -0.0, c: 0.10, d: 1.50e007, e: 123.456e-789) }"),
            accept("float keeps its scale", "{ f(a: 1.0, b: 1.00, c: 1.000e2, d: 100e-2) }"),
            accept("numbers next to punctuation", "{f(a:[1,2,-3,4.5,-6e7]b:{c:-0})}"),
            accept("negative number glued to the previous", "{ f(a: [1-1 2.5-3 -4-5]) }"),
            mayDecline("float exponents at the int range", "{ f(a: 1e2147483647, b: 1.5e2147483647, c: 10e2147483647,"
                    + " d: 1e-2147483647) }"),
            reject("float exponent past the int range", "{ f(a: 1e2147483648) }"),
            reject("float scale past the int range", "{ f(a: 1.5e-2147483647) }"),
            reject("zero with exponent past the int range", "{ f(a: 0e-2147483648) }"),
            // graphql-java itself throws NumberFormatException (not a syntax error) on a default value like this
            reject("float exponent past the long range in a default value (graphql-java throws)",
                    "query ($a: F = 5E6854775808) { a }"),
            reject("leading zero", "{ f(a: 00) }"),
            reject("leading zero with digits", "{ f(a: 012) }"),
            reject("minus zero with digits", "{ f(a: -01) }"),
            reject("dot without fraction", "{ f(a: 1.) }"),
            reject("fraction without integer", "{ f(a: .5) }"),
            reject("exponent without digits", "{ f(a: 1e) }"),
            reject("exponent sign without digits", "{ f(a: 1e+) }"),
            reject("number followed by a name", "{ f(a: 123abc) }"),
            reject("hex", "{ f(a: 0x1) }"),
            reject("number followed by a dot", "{ f(a: 1.5.5) }"),
            reject("float followed by a name", "{ f(a: 1.5e3x) }"),
            reject("int followed by underscore", "{ f(a: 1_000) }"),
            reject("minus alone", "{ f(a: -) }"),
            reject("minus before a name", "{ f(a: -x) }"),
            reject("plus sign", "{ f(a: +1) }"),
            accept("empty string", "{ f(a: \"\") }"),
            accept("empty strings in a list", "{ f(a: [\"\" \"\" \"\"]) }"),
            accept("string escapes", "{ f(a: \"q\\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\t\") }"),
            accept("unicode escapes", "{ f(a: \"\\u0041\\u00e9\\u00E9\\u4e2d\\uFFFF\\u0000\") }"),
            mayDecline("surrogate pair escape", "{ f(a: \"\\uD83D\\uDE00\") }"),
            mayDecline("braced unicode escape", "{ f(a: \"\\u{1F600}\\u{41}\\u{0000041}\") }"),
            mayDecline("braced escape with leading zeros", "{ f(a: \"\\u{00000000041}\") }"),
            reject("braced escape far past the last code point", "{ f(a: \"\\u{7FFFFFFF}\") }"),
            // graphql-java itself throws AssertException (not a syntax error) on these two
            reject("braced escape past int range (graphql-java throws AssertException)",
                    "{ f(a: \"\\u{80000000}\") }"),
            reject("braced escape of nine digits (graphql-java throws AssertException)",
                    "{ f(a: \"\\u{FFF0FFFF}\") }"),
            reject("lone leading surrogate escape", "{ f(a: \"\\uD83D\") }"),
            reject("lone trailing surrogate escape", "{ f(a: \"\\uDE00\") }"),
            reject("leading surrogate then letter", "{ f(a: \"\\uD83Dx\") }"),
            reject("braced escape past the last code point", "{ f(a: \"\\u{110000}\") }"),
            reject("braced surrogate", "{ f(a: \"\\u{D800}\") }"),
            reject("empty braced escape", "{ f(a: \"\\u{}\") }"),
            reject("short unicode escape", "{ f(a: \"\\u12\") }"),
            reject("bad escape", "{ f(a: \"\\x\") }"),
            reject("unterminated string", "{ f(a: \"abc) }"),
            reject("newline in string", "{ f(a: \"a\nb\") }"),
            reject("carriage return in string", "{ f(a: \"a\rb\") }"),
            accept("unicode in strings", "{ f(a: \"é中Ж€ \u00a0\", b: \"日本\uFFFD\") }"),
            mayDecline("characters outside the BMP in strings", "{ f(a: \"😀𝄞\") }"),
            mayDecline("supplementary characters shift the columns after them", "{ f(a: \"😀😀\", b: 1) g }"),
            mayDecline("control characters in strings", "{ f(a: \"\u0001\u001f\u007f\t\u000b\") }"),
            mayDecline("line separator in string", "{ f(a: \"a\u2028b\u2029c\") }"),
            mayDecline("block string", "{ f(a: \"\"\"\n  block\n    string\n\"\"\") }"),
            mayDecline("block string with escaped quotes", "{ f(a: \"\"\"a\\\"\"\"b\"\"\") }"),
            reject("quote after empty string is a block string", "{ f(a: \"\"\") }"),
            accept("booleans and null", "{ f(a: true, b: false, c: null, d: [true false null]) }"),
            accept("enum values", "{ f(a: RED, b: red, c: _x, d: on) }"),
            // --- ignored characters
            accept("commas everywhere", ",,{,,a,,(,b,:,1,,c,:,[,1,,2,],),,@,d,,...,F,,},,"),
            accept("comments", "# leading\n{ # after brace\n  a # after field\n  # own line\n} # trailing"),
            accept("comment at end without newline", "{ a } # end"),
            accept("comment with quotes and braces", "{ a # \" { } \"\"\" \\u\n b }"),
            accept("tabs", "{\ta\t(\tb:\t1)\t}"),
            accept("CRLF line ends", "query Q {\r\n  a\r\n  b(x: 1)\r\n}\r\n"),
            accept("LF line ends and indentation", "query Q {\n  a {\n    b\n  }\n}\n"),
            accept("blank lines before", "\n\n\n{ a }"),
            mayDecline("lone CR does not start a line for graphql-java", "{\ra\r\rb\r}"),
            mayDecline("lone CR after CRLF", "{\r\n\ra\r\n\rb }"),
            mayDecline("comment ended by a lone CR", "{ a # comment\rb }"),
            mayDecline("byte-order mark at start", "\uFEFF{ a }"),
            mayDecline("byte-order mark between tokens", "{ a\uFEFFb }"),
            mayDecline("line separator between tokens", "{ a\u2028b\u2029c }"),
            mayDecline("line separator in a comment", "{ a # x\u2028b\n c }"),
            mayDecline("supplementary character in a comment", "{ a # 😀\n b }"),
            mayDecline("supplementary character in a comment, same line", "{ f(a: \"😀\") # 😀\n b }"),
            mayDecline("noncharacters in a string and a comment", "{ f(a: \"\uFFFF\uFFFE\uE000\uD7FF\") # \uFFFF\n b }"),
            mayDecline("byte-order mark at the end", "{ a }\uFEFF"),
            mayDecline("line separator at the end", "{ a }\u2028"),
            mayDecline("lone CR at the end", "{ a }\r"),
            mayDecline("CRLF then lone CR before the document", "\r\n\r{ a }"),
            mayDecline("empty block string", "{ f(a: \"\"\"\"\"\") }"),
            reject("string then empty string then quote", "{ f(a: \"x\"\"\"\") }"),
            reject("noncharacter between tokens", "\uFFFF{ a }"),
            reject("NUL after the document", "{ a }\u0000"),
            reject("next line (U+0085) between tokens", "{ a\u0085b }"),
            reject("form feed between tokens", "{ a\u000cb }"),
            // graphql-java (ANTLR's CharStreams.fromReader, 4096-character reads) fails on a surrogate pair split by
            // a read: a fast path that accepted characters outside the BMP would have to decline this one
            reject("surrogate pair across graphql-java's 4096-character read", "{ f(a: \"" + "x".repeat(4087)
                    + "\uD83D\uDE00\") }"),
            mayDecline("surrogate pair just before graphql-java's 4096-character read", "{ f(a: \"" + "x".repeat(4086)
                    + "\uD83D\uDE00\") }"),
            reject("vertical tab between tokens", "{ a\u000bb }"),
            reject("no-break space between tokens", "{ a\u00a0b }"),
            reject("NUL between tokens", "{ a\u0000b }"),
            reject("unicode name", "{ café }"),
            // --- structure errors
            reject("empty document", ""),
            reject("only whitespace", "  \n\t,"),
            reject("only a comment", "# nothing"),
            reject("empty selection set", "{ }"),
            reject("unclosed selection set", "{ a"),
            reject("extra closing brace", "{ a } }"),
            reject("trailing name", "{ a } b"),
            reject("trailing number", "{ a } 1"),
            reject("trailing string", "{ a } \"x\""),
            reject("trailing garbage after comment", "{ a } # c\n )"),
            reject("empty arguments", "{ a() }"),
            reject("argument without value", "{ a(b:) }"),
            reject("argument without colon", "{ a(b 1) }"),
            reject("alias without field", "{ a: }"),
            reject("double alias", "{ a: b: c }"),
            reject("directive without name", "{ a @ }"),
            reject("variable without name", "{ a(b: $) }"),
            reject("fragment without type condition", "fragment F { a }"),
            reject("fragment without selection set", "fragment F on T"),
            reject("operation without selection set", "query Q"),
            reject("unknown punctuation", "{ a & b }"),
            reject("pipe", "{ a | b }"),
            mayDecline("type definition (graphql-java parses it; validation refuses it)", "type Query { a: Int }"),
            mayDecline("operation then type definition", "{ a } type Query { a: Int }"),
            mayDecline("schema definition", "schema { query: Query }"),
            mayDecline("extension", "extend type Query { b: Int }"),
            mayDecline("directive definition", "directive @d on FIELD"),
            reject("object value with variable in a default", "query ($a: In = {b: $c}) { a }"),
            reject("unclosed list", "{ f(a: [1, 2) }"),
            reject("unclosed object", "{ f(a: {b: 1) }"),
            reject("object field without value", "{ f(a: {b}) }"),
            reject("list type unclosed", "query ($a: [Int) { a }"),
            reject("double non-null", "query ($a: Int!!) { a }"),
            reject("default without value", "query ($a: Int =) { a }"),
            reject("subscription keyword alone", "subscription"),
            reject("lone brace", "{"),
            reject("lone closing brace", "}"));

    /** A document to parse with graphql-java's default operation options but a smaller grammar-rule depth. */
    record DepthCase(String name, int maxRuleDepth, String text) {
    }

    /** Found by the tight-options fuzzer: graphql-java runs out of rule depth where the fast path did not. */
    static final List<DepthCase> DEPTH_CASES = List.of(
            new DepthCase("bug: argument of a field at rule depth 8", 8, "{f(a:\"\")}"),
            new DepthCase("bug: directive on a field at rule depth 8", 8, "mutation{s@r}"),
            new DepthCase("bug: enum argument in a fragment at rule depth 11", 11, "fragment E on e{n(y:e)}"),
            new DepthCase("bug: directive argument at rule depth 13", 13, "{F@e(f:v)}"));

    private QueryCorpus() {
    }
}
