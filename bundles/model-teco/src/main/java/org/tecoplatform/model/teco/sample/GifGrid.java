package org.tecoplatform.model.teco.sample;

import org.tecoplatform.api.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.VideoPair;

/**
 * An animated GIF of sampled videos: one row per video, the real video on the left and the
 * generated one on the right; each tile framed green while it shows a context frame and red once
 * the frames are generated. Plays at 10 frames per second and loops.
 */
final class GifGrid {

    static final int BORDER = 2;
    static final int GAP = 4;
    static final int CONTEXT = 0x2e7d32;
    static final int GENERATED = 0xc62828;
    static final int BACKGROUND = 0xffffff;

    private GifGrid() {
    }

    static void write(Path file, List<VideoPair> pairs, int context) throws IOException {
        if (pairs.isEmpty()) {
            return;
        }
        Video first = pairs.get(0).real();
        int tileW = first.width() + 2 * BORDER;
        int tileH = first.height() + 2 * BORDER;
        int width = 2 * tileW + 3 * GAP;
        int height = pairs.size() * tileH + (pairs.size() + 1) * GAP;
        int frames = pairs.stream().mapToInt(p -> Math.min(p.real().frames(), p.fake().frames())).min().orElse(0);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        AtomicFiles.writeVia(file, tmp -> writeFrames(tmp, writer, pairs, frames, width, height, tileW, tileH, context));
    }

    private static void writeFrames(Path tmp, ImageWriter writer, List<VideoPair> pairs, int frames, int width, int height, int tileW,
                                    int tileH, int context) throws IOException {
        try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int t = 0; t < frames; t++) {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                fill(img, 0, 0, width, height, BACKGROUND);
                int colour = t < context ? CONTEXT : GENERATED;
                for (int r = 0; r < pairs.size(); r++) {
                    int y = GAP + r * (tileH + GAP);
                    tile(img, GAP, y, pairs.get(r).real(), t, colour);
                    tile(img, 2 * GAP + tileW, y, pairs.get(r).fake(), t, colour);
                }
                writer.writeToSequence(new IIOImage(img, null, metadata(writer, img, t == 0)), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    static void tile(BufferedImage img, int x0, int y0, Video v, int t, int colour) {
        fill(img, x0, y0, v.width() + 2 * BORDER, v.height() + 2 * BORDER, colour);
        byte[] p = v.pixels();
        int base = t * v.frameBytes();
        for (int y = 0; y < v.height(); y++) {
            for (int x = 0; x < v.width(); x++) {
                int i = base + (y * v.width() + x) * v.channels();
                int rgb = v.channels() >= 3 ? ((p[i] & 0xff) << 16) | ((p[i + 1] & 0xff) << 8) | (p[i + 2] & 0xff)
                        : (p[i] & 0xff) * 0x010101;
                img.setRGB(x0 + BORDER + x, y0 + BORDER + y, rgb);
            }
        }
    }

    static void fill(BufferedImage img, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
    }

    /** 100 ms per frame; the first frame also carries the NETSCAPE2.0 loop-forever block. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage img, boolean first) throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", "10");
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
