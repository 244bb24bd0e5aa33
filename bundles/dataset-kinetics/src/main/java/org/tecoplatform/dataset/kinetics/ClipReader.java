package org.tecoplatform.dataset.kinetics;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.tecoplatform.api.Video;

/**
 * Reads frames {@code [start, start + count)} of one video as {@code image_size²} RGB, where
 * frame k is the k-th frame FFmpeg presents. Only the window's frames are kept.
 *
 * <p>A window that does not start at 0 seeks to the keyframe before it and decodes forward from
 * there, numbering frames by their presentation time at the average frame rate. That numbering
 * is checked on every frame against counting (time of frame k = k / fps); at the first
 * disagreement (variable frame rate, missing times, an index that does not reach the window) the
 * video is read again from its first frame by counting. So a window always holds exactly the
 * frames a whole read would have at those positions, and the seek saves the decoding wherever the
 * video's timing allows it, which is almost always.
 */
final class ClipReader {

    /**
     * What was read.
     *
     * @param video      the frames asked for (fewer when the video ended first)
     * @param fileFrames the video's frame count when decoding reached its end, else -1
     * @param header     what the container header said
     */
    record Clip(Video video, int fileFrames, VideoHeader header) {
    }

    /** Frames before the window to aim the seek at, tried in turn. */
    private static final int[] SEEK_MARGINS = {8, 64};

    private ClipReader() {
    }

    /** @param count frames to read, or -1 for all from {@code start} to the end */
    static Clip read(Path file, KineticsOptions options, int start, int count) {
        if (start > 0) {
            Clip clip = attempt(file, options, start, count, true);
            if (clip != null) {
                return clip;
            }
        }
        return attempt(file, options, start, count, false);
    }

    /** One pass over the file; null when {@code seek} was asked for and the frame times could not be trusted. */
    private static Clip attempt(Path file, KineticsOptions options, int start, int count, boolean seek) {
        try (Mp4Input input = Mp4Input.open(file)) {
            VideoChecks.header(file, input.header(), options);
            if (seek && !input.seekable()) {
                return null;
            }
            try (FrameDecoder decoder = new FrameDecoder(input, options.decoderThreads(), options.maxFrames());
                 FrameScaler scaler = new FrameScaler(file, options.imageSize())) {
                return decode(input, decoder, scaler, options, start, count, seek);
            }
        }
    }

    /**
     * Seeks to a keyframe at or before frame {@code start}; the number of the frame the decoder
     * returns next, or -1 when no seek got there. The seek aims a few frames early, then further:
     * the mp4 index holds decoding times, and with B-frames the keyframe found for a presentation
     * time can follow it.
     */
    private static long position(Mp4Input input, FrameDecoder decoder, int start) {
        for (int margin : SEEK_MARGINS) {
            if (!decoder.seek(input.timestampOf(Math.max(0, start - margin)))) {
                return -1;
            }
            AVFrame first = decoder.next();
            long index = first == null ? -1 : input.indexOf(first);
            if (index >= 0 && index <= start) {
                decoder.pushBack();
                return index;
            }
            if (start - margin <= 0) {
                return -1;
            }
        }
        return -1;
    }

    private static Clip decode(Mp4Input input, FrameDecoder decoder, FrameScaler scaler, KineticsOptions options, int start, int count,
                               boolean seek) {
        Path file = input.file();
        int maxInArray = FrameBuffer.maxFrames(options.imageSize());
        int fileFrames = input.header().frames();
        int expected = count >= 0 ? count : fileFrames >= 0 ? fileFrames - start : 64;
        FrameBuffer out = new FrameBuffer(options.imageSize(), Math.min(expected, Math.min(options.maxFrames(), maxInArray)));

        // next: the number of the frame the decoder returns next.
        long next = 0;
        if (seek) {
            next = position(input, decoder, start);
            if (next < 0) {
                return null;
            }
        }
        while (count < 0 || out.frames() < count) {
            AVFrame frame = decoder.next();
            if (frame == null) {
                // Ending before the window even starts: count from the first frame for the exact length.
                return seek && next <= start ? null : new Clip(out.video(), (int) next, input.header());
            }
            if (seek && input.indexOf(frame) != next) {
                return null;
            }
            if (next >= options.maxFrames()) {
                throw BadVideo.video(file, "more than " + options.maxFrames() + " frames: expected at most " + options.maxFrames() + " ("
                        + KineticsOptions.NAME + "." + KineticsOptions.MAX_FRAMES + ")");
            }
            if (next >= start) {
                if (out.frames() >= maxInArray) {
                    throw BadVideo.video(file, "more than " + maxInArray + " frames of " + options.imageSize() + "x" + options.imageSize()
                            + " from frame " + start + ": expected at most " + maxInArray + " to fit one array (read it in windows)");
                }
                int offset = out.append();
                scaler.convert(frame, out.data(), offset);
            }
            next++;
        }
        return new Clip(out.video(), -1, input.header());
    }
}
