package dev.leafspec.api;

/**
 * Who an implementation is: shown in every report and certificate.
 *
 * @param name    product name, e.g. "LeafSpec reference engine"
 * @param version the implementation's own version string
 * @param vendor  who built it
 */
public record Identity(String name, String version, String vendor) {
}
