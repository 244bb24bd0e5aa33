package org.tecoplatform.stage.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The sample stage's animated GIF, embedded as a data URI so the page needs no other file, with
 * a legend for its layout and frame colours, and what {@code sample.json} says about the videos.
 */
final class VideoSection {

    /** Small tiles (64×64 frames) are shown this many times larger, pixelated. */
    private static final int ZOOM = 2;

    private VideoSection() {
    }

    /**
     * One figure per sample set that {@code sample.json} lists under {@code sets} (without and with
     * the test episodes' actions), each GIF beside the summary; a summary without sets (older runs)
     * has the one {@code gif}.
     */
    static String render(Path gif, Path sampleJson, long maxBytes) {
        StringBuilder b = new StringBuilder();
        JsonNode sets = readSets(sampleJson);
        if (sets == null || sets.isEmpty()) {
            b.append(gifFigure(gif, maxBytes));
        } else {
            for (JsonNode set : sets) {
                boolean actions = set.path("include_actions").asBoolean();
                b.append("<h3>").append(actions ? "With the test episodes' actions" : "Without actions").append(" (")
                        .append(Html.escape(set.path("samples").asText(Numbers.NONE))).append(")</h3>");
                b.append(set.has("gif") ? gifFigure(sampleJson.resolveSibling(set.path("gif").asText()), maxBytes)
                        : HtmlReport.missing("No GIF for this set (sample.gif is false)."));
                if (set.has("strip")) {
                    b.append(stripFigure(sampleJson.resolveSibling(set.path("strip").asText()), set.path("strip_frames"), maxBytes));
                }
            }
        }
        b.append(sampleFacts(sampleJson));
        return b.toString();
    }

    private static JsonNode readSets(Path sampleJson) {
        try {
            return Files.isRegularFile(sampleJson) ? JsonFiles.read(sampleJson).get("sets") : null;
        } catch (IOException e) {
            return null; // sampleFacts reports the unreadable file
        }
    }

    private static String gifFigure(Path gif, long maxBytes) {
        if (!Files.isRegularFile(gif)) {
            return HtmlReport.missing("No sampled videos: " + gif + " does not exist (the sample stage writes it unless "
                    + "sample.gif is false).");
        }
        try {
            long size = Files.size(gif);
            if (size > maxBytes) {
                return HtmlReport.missing(String.format(java.util.Locale.ROOT,
                        "%s is %.1f MB, more than report.max_gif_mb allows embedding; open it beside this page.", gif, size / 1e6));
            }
            return figure(Files.readAllBytes(gif));
        } catch (IOException e) {
            return HtmlReport.missing("Could not read " + gif + ": " + e.getMessage());
        }
    }

    /** The still of chosen frames (the sample stage's strip PNG), so a printed page or screenshot shows generated frames. */
    private static String stripFigure(Path png, JsonNode frames, long maxBytes) {
        try {
            if (!Files.isRegularFile(png) || Files.size(png) > maxBytes) {
                return HtmlReport.missing("No still of the frames: " + png + " is missing or larger than report.max_gif_mb.");
            }
            List<String> numbers = new ArrayList<>();
            frames.forEach(f -> numbers.add(Integer.toString(f.asInt() + 1)));
            return "<figure><img src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\" width=\"" + imageWidth(png) * ZOOM
                    + "\" alt=\"chosen frames: real above generated\"/><figcaption>Two rows per test video, the real frames above "
                    + "the model's; columns are frames " + String.join(", ", numbers) + " of each video (the first is the last "
                    + "context frame).</figcaption></figure>";
        } catch (IOException e) {
            return HtmlReport.missing("Could not read " + png + ": " + e.getMessage());
        }
    }

    private static int imageWidth(Path png) throws IOException {
        java.awt.image.BufferedImage img = ImageIO.read(png.toFile());
        return img == null ? 0 : img.getWidth();
    }

    private static String figure(byte[] bytes) throws IOException {
        int[] size = gifSize(bytes);
        String dims = size == null ? "" : " width=\"" + size[0] * ZOOM + "\" height=\"" + size[1] * ZOOM + "\"";
        return "<figure><img src=\"data:image/gif;base64," + Base64.getEncoder().encodeToString(bytes) + "\"" + dims
                + " alt=\"sampled videos: real on the left, generated on the right\"/>"
                + "<figcaption>One row per test video: the real video on the left, the model's on the right. "
                + "<span class=\"swatch context\"></span>context frame (given to the model)"
                + "<span class=\"swatch generated\"></span>generated frame</figcaption></figure>";
    }

    /** Width and height of the GIF's logical screen, or null when ImageIO cannot tell. */
    private static int[] gifSize(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new int[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        }
    }

    private static String sampleFacts(Path sampleJson) {
        if (!Files.isRegularFile(sampleJson)) {
            return HtmlReport.missing("No sampling summary: " + sampleJson + " does not exist.");
        }
        try {
            JsonNode s = JsonFiles.read(sampleJson);
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {"Samples folders", folders(s)});
            facts.add(new String[] {"Videos", count(s, "videos")});
            facts.add(new String[] {"Frames per video", count(s, "frames")});
            facts.add(new String[] {"Context frames", count(s, "open_loop_ctx")});
            facts.add(new String[] {"Key/value cache", s.has("cache") ? (s.path("cache").asBoolean() ? "on" : "off") : Numbers.NONE});
            return "<h3>Sampling</h3>" + HtmlReport.facts(facts);
        } catch (IOException e) {
            return HtmlReport.missing("Could not read " + sampleJson + ": " + e.getMessage());
        }
    }

    /** Each set's folder and whether it was given the actions. */
    private static String folders(JsonNode s) {
        List<JsonNode> sets = new ArrayList<>();
        if (s.has("sets")) {
            s.get("sets").forEach(sets::add);
        } else {
            sets.add(s);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode set : sets) {
            String actions = !set.has("include_actions") ? "" : set.path("include_actions").asBoolean() ? " (actions given)" : " (no actions)";
            out.add(set.path("samples").asText(Numbers.NONE) + actions);
        }
        return String.join(", ", out);
    }

    private static String count(JsonNode s, String field) {
        double v = JsonFiles.number(s, field);
        return Double.isFinite(v) ? Numbers.format(v) : Numbers.NONE;
    }
}
