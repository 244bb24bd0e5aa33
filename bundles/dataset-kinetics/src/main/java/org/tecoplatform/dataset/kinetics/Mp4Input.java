package org.tecoplatform.dataset.kinetics;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * One mp4 file opened with FFmpeg's mov/mp4 demuxer, positioned on its first video stream.
 * Opening reads only the container header ({@code moov}), never a frame, so it costs well under
 * a millisecond. Only the mp4 demuxer and the file protocol are allowed: a hostile file named
 * {@code .mp4} cannot make FFmpeg read a playlist, another file or a URL.
 */
final class Mp4Input implements AutoCloseable {

    /** Frames wider or taller than this are refused before anything is allocated for them. */
    static final int MAX_SIDE = 8192;
    /** At most 8K UHD (7680x4320) pixels per frame. */
    static final long MAX_PIXELS = 7680L * 4320;

    /** AVINDEX_DISCARD_FRAME: a sample the decoder reads but an edit list hides (not mapped by the preset). */
    private static final int INDEX_DISCARD_FRAME = 0x0002;

    private final Path file;
    private AVFormatContext format;
    private final int streamIndex;
    private final AVStream stream;
    private final VideoHeader header;

    private Mp4Input(Path file, AVFormatContext format, int streamIndex) {
        this.file = file;
        this.format = format;
        this.streamIndex = streamIndex;
        this.stream = format.streams(streamIndex);
        this.header = readHeader();
    }

    /** Opens the file; a file that is not a readable mp4 with a video stream is a bad file. */
    static Mp4Input open(Path file) {
        FFmpegLog.clear();
        AVFormatContext format = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        int ret;
        // "file:" keeps a ':' in the path from being read as a protocol name.
        try (BytePointer url = new BytePointer("file:" + file.toAbsolutePath(), StandardCharsets.UTF_8)) {
            ret = avformat_open_input(format, url, av_find_input_format("mov"), options);
        } finally {
            av_dict_free(options);
        }
        if (ret < 0) {
            // FFmpeg has freed the context.
            throw BadVideo.ffmpeg(file, "not a readable mp4 (expected an .mp4 video; the file may be truncated or corrupt)", ret);
        }
        int video = -1;
        List<String> found = new ArrayList<>();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream st = format.streams(i);
            int type = st.codecpar().codec_type();
            if (video < 0 && type == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                video = i;
            } else {
                // The demuxer then skips their packets instead of handing them to us.
                st.discard(AVDISCARD_ALL);
                BytePointer name = av_get_media_type_string(type);
                found.add(name == null ? "unknown" : name.getString());
            }
        }
        if (video < 0) {
            avformat_close_input(format);
            throw BadVideo.video(file, "no video stream: expected one, found " + (found.isEmpty() ? "no streams" : "the streams " + found));
        }
        Mp4Input input = new Mp4Input(file, format, video);
        VideoHeader h = input.header;
        if (h.sizeKnown()) {
            try {
                checkSize(file, h.width(), h.height());
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
        }
        return input;
    }

    /** Refuses absurd frame sizes (a corrupt or hostile header) before a decoder allocates for them. */
    static void checkSize(Path file, int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw BadVideo.video(file, "frames are " + width + "x" + height + ": expected at most " + MAX_SIDE + " pixels per side and "
                    + MAX_PIXELS + " pixels (7680x4320) per frame");
        }
    }

    Path file() {
        return file;
    }

    VideoHeader header() {
        return header;
    }

    AVFormatContext format() {
        return format;
    }

    AVStream stream() {
        return stream;
    }

    int streamIndex() {
        return streamIndex;
    }

    AVCodecParameters parameters() {
        return stream.codecpar();
    }

    /**
     * Whether seeking by time can find a frame number: a known frame rate and time base, and a
     * sample index covering the whole video. Fragmented mp4s index fragments only as they are
     * read; after a seek their frame times may restart at 0, so they are always read from the start.
     */
    boolean seekable() {
        return header.frames() > 0 && stream.avg_frame_rate().num() > 0 && stream.avg_frame_rate().den() > 0
                && stream.time_base().num() > 0 && stream.time_base().den() > 0;
    }

    /** The stream time of frame {@code index} at the average frame rate. */
    long timestampOf(long index) {
        return startTime() + Math.round(index / av_q2d(stream.avg_frame_rate()) / av_q2d(stream.time_base()));
    }

    /** The frame number a decoded frame's presentation time stands for, or -1 when it has none. */
    long indexOf(AVFrame frame) {
        long ts = frame.best_effort_timestamp();
        if (ts == AV_NOPTS_VALUE) {
            return -1;
        }
        return Math.round((ts - startTime()) * av_q2d(stream.time_base()) * av_q2d(stream.avg_frame_rate()));
    }

    long startTime() {
        long start = stream.start_time();
        return start == AV_NOPTS_VALUE ? 0 : start;
    }

    @Override
    public void close() {
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
    }

    private VideoHeader readHeader() {
        AVCodecParameters par = stream.codecpar();
        BytePointer codec = avcodec_get_name(par.codec_id());
        return new VideoHeader(par.width(), par.height(), codec == null ? "unknown" : codec.getString(), countFrames());
    }

    /**
     * Frames the decoder will return, from the sample index: the samples the header declares,
     * less those an edit list hides (a clip cut with {@code ffmpeg -ss ... -c copy} keeps the
     * samples back to the previous keyframe but never shows them). -1 when the index does not
     * cover every declared sample (fragmented mp4s index fragments as they are read).
     */
    private int countFrames() {
        long declared = stream.nb_frames();
        int entries = avformat_index_get_entries_count(stream);
        if (declared <= 0 || entries != declared) {
            return -1;
        }
        int shown = 0;
        for (int i = 0; i < entries; i++) {
            if ((avformat_index_get_entry(stream, i).flags() & INDEX_DISCARD_FRAME) == 0) {
                shown++;
            }
        }
        return shown;
    }
}
