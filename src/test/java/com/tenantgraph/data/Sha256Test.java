package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hex_isTheStandardDigest_inLowercaseHex() {
        // GIVEN the FIPS 180-2 test vectors "abc" and "" (and a non-ASCII text, hashed as UTF-8)
        // WHEN hashed
        // THEN the published digests, in lowercase hex
        assertThat(Sha256.hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("é")).isEqualTo(Sha256.hex(new String(new char[] {'\u00e9'})))
                .isNotEqualTo(Sha256.hex("e"));
    }
}
