package com.tenantgraph.admin;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for names and emails that people type, in one place: the sign-up trigger, the admin mutations and the
 * operator command line apply the same ones. None of them admits a control character (ESC and the rest would reach
 * an operator's terminal or an admin's screen) or a bidirectional override (it disguises what follows). Each method returns the normalised value or throws
 * {@link InvalidInputException} naming the field.
 */
public final class InputRules {
    /** Cognito's limit for custom:workspaceName (template.yaml), and so for a tenant's name. */
    public static final int MAX_WORKSPACE_NAME = 64;
    public static final int MAX_PERSON_NAME = 100;
    public static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    private InputRules() {
    }

    /** A workspace (tenant) name: trimmed, 1 to 64 characters, no control characters. */
    public static String workspaceName(String field, String value) {
        return text(field, value, MAX_WORKSPACE_NAME);
    }

    /** A person's display name: trimmed, 1 to 100 characters, no control characters. */
    public static String personName(String field, String value) {
        return text(field, value, MAX_PERSON_NAME);
    }

    /**
     * An email address, trimmed and lower-cased (Cognito's usernames are case-insensitive, template.yaml). Control,
     * format (bidirectional overrides, zero-width) and other invisible characters are refused: an email is an
     * identifier shown to admins and operators, and must look like what it is.
     */
    public static String email(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "An email address is required");
        }
        String email = value.trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()
                || !com.tenantgraph.data.model.Rules.storable(email) || email.codePoints().anyMatch(InputRules::invisible)) {
            throw new InvalidInputException(field, "Not a valid email address");
        }
        return email;
    }

    /** C0/C1 controls, DEL, and Unicode format characters (Cf: bidi overrides, zero-width characters, …). */
    private static boolean invisible(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    /**
     * The characters that reorder what follows them on screen (U+061C, U+200E-U+200F, U+202A-U+202E,
     * U+2066-U+2069): refused in names, where the other format characters (the zero-width joiner of an emoji) are
     * legitimate.
     */
    private static boolean bidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "A value is required");
        }
        if (!com.tenantgraph.data.model.Rules.storable(value)) {
            throw new InvalidInputException(field, "Must be valid Unicode text");
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw new InvalidInputException(field, "At most " + max + " characters");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) || bidiControl(c))) {
            throw new InvalidInputException(field, "Control characters are not allowed");
        }
        return trimmed;
    }

    /** Input that breaks a rule; {@code field} names the offending input field. */
    public static final class InvalidInputException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public InvalidInputException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
