package org.tecoplatform.dataset.npz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** The files tools/fixtures/make_npz_fixtures.py wrote, and what numpy said about them (expected.txt). */
final class Fixtures {

    /** One good episode as numpy saved it. */
    record Expected(String path, int frames, int[] actions, String videoSha256, List<String> frameSha256) {
    }

    record Pixel(String path, int t, int y, int x, int c, int value) {
    }

    private Fixtures() {
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/expected.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static Map<String, Expected> episodes() {
        Map<String, Expected> out = new LinkedHashMap<>();
        Map<String, List<String>> frames = new LinkedHashMap<>();
        for (String[] f : lines("frame")) {
            frames.computeIfAbsent(f[1], k -> new java.util.ArrayList<>()).add(f[3]);
        }
        for (String[] f : lines("episode")) {
            int[] actions = Arrays.stream(f[3].split(",")).mapToInt(Integer::parseInt).toArray();
            out.put(f[1], new Expected(f[1], Integer.parseInt(f[2]), actions, f[4], frames.get(f[1])));
        }
        return out;
    }

    static List<Pixel> pixels() {
        return lines("pixel").stream().map(f -> new Pixel(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]), Integer.parseInt(f[6]))).toList();
    }

    /** Frames per action value 0..6 of {@code <root>/<split>}, as numpy counted them. */
    static long[] histogram(String rootAndSplit) {
        return lines("histogram").stream().filter(f -> f[1].equals(rootAndSplit)).findFirst()
                .map(f -> Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray())
                .orElseThrow(() -> new IllegalArgumentException("no histogram for " + rootAndSplit));
    }

    private static List<String[]> lines(String kind) {
        try {
            return Files.readAllLines(root().resolve("expected.txt")).stream()
                    .filter(l -> l.startsWith(kind + " ")).map(l -> l.split(" ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes, int from, int to) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, from, to - from);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A config as the pipeline builds it: data_path plus the dataset's own section and any top-level keys. */
    static Settings config(Path dataPath, String dataset, Map<String, Object> section, Object... topLevel) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_path", dataPath.toString());
        values.put(dataset, section);
        for (int i = 0; i < topLevel.length; i += 2) {
            values.put((String) topLevel[i], topLevel[i + 1]);
        }
        return ConfigSettings.of(values, root());
    }

    /** Accepts the fixtures' short episodes. */
    static Settings anyLength(Path dataPath, String dataset) {
        return config(dataPath, dataset, Map.of("episode_length", 0));
    }

    /** Copies fixture files into a new dataset folder: target path under {@code root} to fixture path. */
    static Path layout(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(file(f.getValue()), target);
        }
        return root;
    }

    /** The 128x128 fixtures' pixels: the formula of pattern_episode() in the script. */
    static int patternPixel(int t, int y, int x, int c) {
        return (t * 7 + y * 3 + x * 5 + c * 11) % 256;
    }
}
