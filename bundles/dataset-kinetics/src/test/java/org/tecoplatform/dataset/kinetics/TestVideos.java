package org.tecoplatform.dataset.kinetics;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Small mp4 files written with JavaCV's recorder (the LGPL FFmpeg build: MPEG-4 Part 2 video).
 * Frame t is a flat colour that encodes t (see {@link #red}, {@link #green}), framed so that a
 * centre crop can be told from a plain resize: along the longer side, {@link #BORDER} magenta
 * pixels at both ends (the crop must remove them); along the shorter side, a yellow band at the
 * start (the crop must keep it).
 */
final class TestVideos {

    static final int BORDER = 8;
    static final int[] MAGENTA = {255, 0, 255};
    static final int[] YELLOW = {255, 255, 0};
    static final int BLUE = 128;

    /**
     * Recorder settings a test can change.
     *
     * @param gapEvery 0 for a constant frame rate; n leaves out one 25 fps tick after every n frames (a variable frame rate)
     */
    record Options(int codec, int gop, int bFrames, Map<String, String> formatOptions, int gapEvery) {
        static final Options DEFAULT = new Options(AV_CODEC_ID_MPEG4, 10, 2, Map.of(), 0);

        static Options codec(int codec) {
            return new Options(codec, 1, 0, Map.of(), 0);
        }

        Options with(String key, String value) {
            return new Options(codec, gop, bFrames, Map.of(key, value), gapEvery);
        }

        Options gapEvery(int frames) {
            return new Options(codec, gop, bFrames, formatOptions, frames);
        }
    }

    static {
        // FFmpeg's log level is set with the reader's log capture, before the recorder prints its banner.
        FFmpegLog.clear();
    }

    private TestVideos() {
    }

    /** The red channel of frame t's code: 8 steps of 32. */
    static int red(int t) {
        return (t % 8) * 32 + 16;
    }

    /** The green channel of frame t's code: steps of 48 every 8 frames (t < 48). */
    static int green(int t) {
        return (t / 8) * 48 + 16;
    }

    /** The frame number whose code is nearest to the colour. */
    static int decode(int r, int g) {
        return Math.round((r - 16) / 32f) + 8 * Math.round((g - 16) / 48f);
    }

    /** The RGB of pixel (x, y) of frame t in a width x height video. */
    static int[] pixel(int t, int x, int y, int width, int height) {
        boolean landscape = width >= height;
        int along = landscape ? x : y;
        int across = landscape ? y : x;
        int longSide = Math.max(width, height);
        if (along < BORDER || along >= longSide - BORDER) {
            return MAGENTA;
        }
        if (across < BORDER) {
            return YELLOW;
        }
        return new int[] {red(t), green(t), BLUE};
    }

    /** Writes {@code frames} coded frames of width x height at 25 fps. */
    static Path write(Path file, int frames, int width, int height) throws IOException {
        return write(file, frames, width, height, Options.DEFAULT);
    }

    static Path write(Path file, int frames, int width, int height, Options options) throws IOException {
        Files.createDirectories(file.getParent());
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
        try {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(options.codec());
            if (options.codec() == AV_CODEC_ID_MJPEG) {
                recorder.setPixelFormat(AV_PIX_FMT_YUVJ420P);
            }
            recorder.setFrameRate(25);
            recorder.setVideoQuality(2);
            recorder.setGopSize(options.gop());
            recorder.setMaxBFrames(options.bFrames());
            options.formatOptions().forEach(recorder::setOption);
            recorder.start();
            for (int t = 0; t < frames; t++) {
                if (options.gapEvery() > 0) {
                    // The presentation time in ticks of the codec's 1/25 s time base.
                    recorder.setFrameNumber(t + t / options.gapEvery());
                }
                recorder.record(frame(t, width, height));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            recorder.release();
        }
        return file;
    }

    /** A copy of {@code source} cut with {@code ffmpeg -ss <seconds> -c copy}: an edit list hides the frames before the cut. */
    static Path trim(Path source, Path target, double seconds) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        // The FFmpeg preset ships the ffmpeg program beside its libraries.
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-ss", String.valueOf(seconds), "-i", source.toString(),
                "-c", "copy", target.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg could not trim " + source + ": " + output);
        }
        return target;
    }

    /** An mp4 holding one second of AAC audio and no video stream. */
    static Path writeAudioOnly(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1);
        try {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(8000);
            recorder.start();
            short[] tone = new short[8000];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 8000));
            }
            recorder.recordSamples(ShortBuffer.wrap(tone));
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            recorder.release();
        }
        return file;
    }

    /** Frame t as the recorder takes it: packed BGR rows. */
    private static Frame frame(int t, int width, int height) {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = pixel(t, x, y, width, height);
                int at = y * frame.imageStride + x * 3;
                pixels.put(at, (byte) rgb[2]);
                pixels.put(at + 1, (byte) rgb[1]);
                pixels.put(at + 2, (byte) rgb[0]);
            }
        }
        return frame;
    }
}
