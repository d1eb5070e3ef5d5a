package dev.leafspec.cli.certify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over the files of a folder: for each file, sorted by relative path, the path (UTF-8), a NUL, the bytes. */
public final class TreeHash {
    private TreeHash() {
    }

    /** @return the lower-case hex SHA-256 of the files under {@code dir} whose names end with {@code suffix} */
    public static String of(Path dir, String suffix) throws IOException {
        MessageDigest md = sha256();
        if (Files.isDirectory(dir)) {
            List<Path> files;
            try (var s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix))
                        .sorted((a, b) -> rel(dir, a).compareTo(rel(dir, b))).toList();
            }
            for (Path f : files) {
                md.update(rel(dir, f).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** @return the lower-case hex SHA-256 of one file's bytes */
    public static String ofFile(Path file) throws IOException {
        return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
    }

    private static String rel(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
