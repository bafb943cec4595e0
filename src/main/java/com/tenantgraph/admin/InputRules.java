package com.tenantgraph.admin;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for names and emails that people type, in one place: the sign-up trigger, the admin mutations and the
 * operator command line apply the same ones. Each method returns the normalised value or throws
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

    /** An email address, trimmed and lower-cased (it is also the Cognito username). */
    public static String email(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "An email address is required");
        }
        String email = value.trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()
                || !com.tenantgraph.data.model.Rules.storable(email)) {
            throw new InvalidInputException(field, "Not a valid email address");
        }
        return email;
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
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
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
