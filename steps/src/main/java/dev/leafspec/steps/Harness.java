package dev.leafspec.steps;

import dev.leafspec.api.LeafImplementation;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Process-wide state of a run: the leaf-spec catalogue (loaded once) and the implementation under test
 * (created once, reset before every scenario).
 *
 * <p>Configuration (system properties, or JUnit configuration parameters copied into them by the CLI):
 * <ul>
 *   <li>{@code leafspec.specs}: the leaf-specs folder; default: {@code leaf-specs} in the working directory or a parent.</li>
 *   <li>{@code leafspec.impl}: the implementation's class name, or a ServiceLoader provider's identity name;
 *       default: the LeafSpec reference engine.</li>
 * </ul>
 */
public final class Harness {
    public static final String SPECS_PROPERTY = "leafspec.specs";
    public static final String IMPL_PROPERTY = "leafspec.impl";
    public static final String DEFAULT_IMPL = "LeafSpec reference engine";

    private static Catalogue catalogue;
    private static LeafImplementation implementation;

    private Harness() {
    }

    /** @return the catalogue, loading it on first use
     *  @throws IllegalStateException with every spec error (file:line:column) if the specs do not load */
    public static synchronized Catalogue catalogue() {
        if (catalogue == null) {
            Path root = specsRoot();
            try {
                catalogue = SpecLoader.loadCatalogue(root);
            } catch (SpecException e) {
                throw new IllegalStateException("leaf specs under " + root + " do not load:\n" + e.getMessage(), e);
            }
        }
        return catalogue;
    }

    /** @return the folder holding the leaf specs */
    public static Path specsRoot() {
        String p = System.getProperty(SPECS_PROPERTY);
        if (p != null && !p.isBlank()) return Path.of(p).toAbsolutePath().normalize();
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("leaf-specs");
            if (Files.isDirectory(candidate.resolve("status"))) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("no leaf-specs folder found from " + Path.of("").toAbsolutePath()
                + "; set -D" + SPECS_PROPERTY + "=<folder>");
    }

    /** @return the implementation under test, created on first use */
    public static synchronized LeafImplementation implementation() {
        if (implementation == null) {
            implementation = create(System.getProperty(IMPL_PROPERTY, DEFAULT_IMPL));
        }
        return implementation;
    }

    /** Replaces the implementation under test (used by the CLI and the self-tests). */
    public static synchronized void use(LeafImplementation impl) {
        implementation = impl;
    }

    /** Forgets the loaded catalogue (used when the CLI points at another specs folder). */
    public static synchronized void reloadCatalogue() {
        catalogue = null;
    }

    /**
     * Creates an implementation from a class name or a ServiceLoader provider's identity name.
     *
     * @throws IllegalArgumentException naming the requested implementation and what was found
     */
    public static LeafImplementation create(String nameOrClass) {
        return create(nameOrClass, Harness.class.getClassLoader());
    }

    /**
     * As {@link #create(String)}, looking in {@code loader} (e.g. one over the implementation's jars).
     *
     * @throws IllegalArgumentException naming the requested implementation and what was found
     */
    public static LeafImplementation create(String nameOrClass, ClassLoader loader) {
        StringBuilder found = new StringBuilder();
        for (LeafImplementation impl : ServiceLoader.load(LeafImplementation.class, loader)) {
            String name = impl.identity().name();
            if (name.equals(nameOrClass) || impl.getClass().getName().equals(nameOrClass)) return impl;
            found.append(found.length() == 0 ? "" : ", ").append(name);
        }
        try {
            Class<?> c = Class.forName(nameOrClass, true, loader);
            return (LeafImplementation) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no implementation '" + nameOrClass + "': not a class on the classpath and"
                    + " not a ServiceLoader provider (found: " + (found.length() == 0 ? "none" : found) + ")", e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot instantiate implementation " + nameOrClass + ": " + e, e);
        }
    }
}
