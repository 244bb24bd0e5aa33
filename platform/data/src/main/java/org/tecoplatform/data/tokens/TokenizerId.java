package org.tecoplatform.data.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.tecoplatform.api.BadInputException;

/**
 * The id a token cache records for the tokenizer that made it ({@code teco.tokenizer}):
 * {@code sha256:<hex>} over the files of the tokenizer directory that decide the codes and what
 * they mean (the encoder model, the metadata, the codebook). Decoder files ({@code decoder*})
 * are left out, since a new decoder leaves the codes as they were; hidden files are left out too.
 * Each file contributes its path inside the directory, its size and its bytes, in path order, so
 * the id does not depend on where the directory lies or on file times.
 */
public final class TokenizerId {

    /** The prefix of every id, naming the hash. */
    public static final String PREFIX = "sha256:";

    private TokenizerId() {
    }

    /** The id of the tokenizer stored in {@code directory}. */
    public static String of(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("tokenizer directory " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> counts(dir.relativize(f)))
                    .sorted((a, b) -> name(dir, a).compareTo(name(dir, b)))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new BadInputException("tokenizer directory " + dir + " holds no files that decide its codes (encoder, metadata, codebook)");
        }
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 20];
        for (Path f : files) {
            sha.update(name(dir, f).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            long size = Files.size(f);
            for (int i = 7; i >= 0; i--) {
                sha.update((byte) (size >>> (8 * i)));
            }
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }

    private static boolean counts(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return !relative.getFileName().toString().startsWith("decoder");
    }

    private static String name(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
