package org.tecoplatform.data.tokens;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/**
 * The index of one split's token cache, {@code tokens-<split>.index}: the shard files in order
 * with their episode counts. Written last, so its presence means the split is complete. Plain
 * {@code key=value} lines (Java properties), easy to read from any language.
 */
record TokenCacheIndex(Split split, List<Shard> shards) {

    /** One shard file and its episodes. */
    record Shard(String file, int episodes) {
    }

    private static final Pattern SHARD_NAME = Pattern.compile("tokens-(train|test)-\\d{5}\\.arrow");

    TokenCacheIndex {
        shards = List.copyOf(shards);
    }

    static String shardName(Split split, int shard) {
        return String.format(Locale.ROOT, "tokens-%s-%05d.arrow", split.folder(), shard);
    }

    static Path file(Path dir, Split split) {
        return dir.resolve("tokens-" + split.folder() + ".index");
    }

    int episodes() {
        return shards.stream().mapToInt(Shard::episodes).sum();
    }

    void write(Path dir) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# TECO token cache index: the complete shards of one split, in order (see TOKEN-CACHE.md)\n");
        s.append("format_version=").append(TokenCacheInfo.FORMAT_VERSION).append('\n');
        s.append("split=").append(split.folder()).append('\n');
        s.append("episodes=").append(episodes()).append('\n');
        s.append("shards=").append(shards.size()).append('\n');
        for (int i = 0; i < shards.size(); i++) {
            s.append("shard.").append(i).append('=').append(shards.get(i).file()).append(' ').append(shards.get(i).episodes()).append('\n');
        }
        AtomicFiles.writeString(file(dir, split), s.toString());
    }

    /** Reads the index; a missing one means the split was never tokenized, or not to the end. */
    static TokenCacheIndex read(Path dir, Split split) throws IOException {
        Path file = file(dir, split);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new BadInputException(dir + ": no token cache index " + file.getFileName() + " for the " + split.folder()
                    + " split: it was never tokenized, or tokenizing stopped before the end; run the tokenize stage", e);
        }
        if (!TokenCacheInfo.FORMAT_VERSION.equals(p.getProperty("format_version"))) {
            throw bad(file, "format_version is '" + p.getProperty("format_version") + "', expected '" + TokenCacheInfo.FORMAT_VERSION + "'");
        }
        if (!split.folder().equals(p.getProperty("split"))) {
            throw bad(file, "split is '" + p.getProperty("split") + "', expected '" + split.folder() + "'");
        }
        int count = number(p, "shards", file);
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entry = p.getProperty("shard." + i);
            String[] parts = entry == null ? new String[0] : entry.trim().split(" ");
            if (parts.length != 2 || !SHARD_NAME.matcher(parts[0]).matches() || !parts[0].contains("-" + split.folder() + "-")) {
                throw bad(file, "shard." + i + " is '" + entry + "', expected 'tokens-" + split.folder() + "-NNNNN.arrow <episodes>'");
            }
            shards.add(new Shard(parts[0], parse(parts[1], "shard." + i, file)));
        }
        TokenCacheIndex index = new TokenCacheIndex(split, shards);
        if (index.episodes() != number(p, "episodes", file)) {
            throw bad(file, "episodes is " + p.getProperty("episodes") + " but its shards hold " + index.episodes());
        }
        return index;
    }

    private static int number(Properties p, String key, Path file) {
        return parse(p.getProperty(key), key, file);
    }

    private static int parse(String value, String key, Path file) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw bad(file, key + " is '" + value + "', expected a count");
    }

    private static BadInputException bad(Path file, String detail) {
        return new BadInputException(file + ": corrupt token cache index (" + detail + ")");
    }
}
