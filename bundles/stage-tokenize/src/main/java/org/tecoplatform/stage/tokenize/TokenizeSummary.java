package org.tecoplatform.stage.tokenize;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.data.tokens.TokenCacheInfo;

/** {@code tokenize.json}: what the stage did, written atomically (temp file + rename). */
record TokenizeSummary(String dataset, Path tokenizerDir, String tokenizerId, TokenizerInfo tokenizer, TokenCacheInfo cache,
                       List<SplitReport> splits, double seconds) {

    static final String FILE = "tokenize.json";

    int episodes() {
        return splits.stream().mapToInt(SplitReport::episodes).sum();
    }

    long frames() {
        return splits.stream().mapToLong(SplitReport::frames).sum();
    }

    long encodedFrames() {
        return splits.stream().mapToLong(SplitReport::encodedFrames).sum();
    }

    double framesPerSecond() {
        return seconds > 0 ? encodedFrames() / seconds : 0;
    }

    String oneLine() {
        return String.format(Locale.ROOT, "%d episodes, %d frames (%d encoded now) in %.1f s, %.1f frames/s", episodes(), frames(),
                encodedFrames(), seconds, framesPerSecond());
    }

    void write(Path dir) throws IOException {
        StringBuilder j = new StringBuilder();
        j.append("{\n");
        j.append("  \"dataset\": ").append(quote(dataset)).append(",\n");
        j.append("  \"tokenizer\": {\n");
        j.append("    \"directory\": ").append(quote(tokenizerDir.toString())).append(",\n");
        j.append("    \"id\": ").append(quote(tokenizerId)).append(",\n");
        j.append("    \"codes\": ").append(tokenizer.codes()).append(",\n");
        j.append("    \"embedding_dim\": ").append(tokenizer.embeddingDim()).append(",\n");
        j.append("    \"latent_h\": ").append(tokenizer.latentHeight()).append(",\n");
        j.append("    \"latent_w\": ").append(tokenizer.latentWidth()).append(",\n");
        j.append("    \"image_size\": ").append(tokenizer.imageSize()).append("\n");
        j.append("  },\n");
        j.append("  \"codes_shape\": [\"frames\", ").append(cache.latentHeight()).append(", ").append(cache.latentWidth()).append("],\n");
        j.append("  \"code_dtype\": ").append(quote(cache.codeBits() == 16 ? "int16" : "int32")).append(",\n");
        j.append("  \"episodes\": ").append(episodes()).append(",\n");
        j.append("  \"frames\": ").append(frames()).append(",\n");
        j.append("  \"encoded_frames\": ").append(encodedFrames()).append(",\n");
        j.append("  \"seconds\": ").append(number(seconds)).append(",\n");
        j.append("  \"frames_per_second\": ").append(number(framesPerSecond())).append(",\n");
        j.append("  \"splits\": {");
        for (int i = 0; i < splits.size(); i++) {
            SplitReport s = splits.get(i);
            j.append(i == 0 ? "\n" : ",\n");
            j.append("    ").append(quote(s.split().folder())).append(": {");
            j.append("\"status\": ").append(quote(s.status()));
            j.append(", \"episodes\": ").append(s.episodes());
            j.append(", \"frames\": ").append(s.frames());
            j.append(", \"resumed_episodes\": ").append(s.resumedEpisodes());
            j.append(", \"encoded_episodes\": ").append(s.encodedEpisodes());
            j.append(", \"encoded_frames\": ").append(s.encodedFrames());
            j.append(", \"seconds\": ").append(number(s.seconds()));
            j.append(", \"frames_per_second\": ").append(number(s.framesPerSecond()));
            j.append("}");
        }
        j.append("\n  }\n}\n");
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, j);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
