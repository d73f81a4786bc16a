package dev.warden.rego.lexer;

/**
 * A {@code #} comment: its text after the {@code #} (a trailing carriage return removed), and its span.
 * METADATA annotations are read from comments.
 */
public record Comment(String text, int start, int end) {}
