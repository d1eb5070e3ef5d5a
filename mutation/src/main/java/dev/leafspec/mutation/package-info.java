/**
 * Mutation testing of the reference engine with PIT: the engine's classes are unpacked into this module's output folder
 * and mutated; the engine's unit tests and the feature suite ({@code *Features} test classes) kill the mutants.
 */
package dev.leafspec.mutation;
