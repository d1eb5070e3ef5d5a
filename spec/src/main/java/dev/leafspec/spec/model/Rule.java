package dev.leafspec.spec.model;

/** A numbered rule of a leaf; scenarios that check it carry the tag {@code @rule:<id>}. */
public record Rule(String id, String text) {
}
