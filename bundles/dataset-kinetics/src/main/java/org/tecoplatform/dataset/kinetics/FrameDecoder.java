package org.tecoplatform.dataset.kinetics;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes the video stream of an {@link Mp4Input} frame by frame, in presentation order. Every
 * loop is bounded: at most {@code maxPackets} packets are read, so a hostile file ends in a
 * {@link org.tecoplatform.api.BadInputException}, never in an endless decode.
 */
final class FrameDecoder implements AutoCloseable {

    private final Mp4Input input;
    private final long maxPackets;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private long packets;
    private boolean flushed;
    private boolean held;
    private long returned;

    /**
     * @param threads   FFmpeg decoding threads, 0 lets FFmpeg choose
     * @param maxFrames the most frames the caller will ask for; packets are bounded in proportion
     */
    FrameDecoder(Mp4Input input, int threads, int maxFrames) {
        this.input = input;
        // A frame is one packet in mp4; the slack covers codec headers and a frame-threading delay.
        this.maxPackets = 2L * maxFrames + 64;
        FFmpegLog.clear();
        int codecId = input.parameters().codec_id();
        AVCodec decoder = avcodec_find_decoder(codecId);
        if (decoder == null) {
            throw BadVideo.video(input.file(), "video codec " + input.header().codec() + ": expected one this FFmpeg build decodes, found no decoder");
        }
        try {
            codec = avcodec_alloc_context3(decoder);
            check(avcodec_parameters_to_context(codec, input.parameters()), "cannot read its video stream parameters");
            codec.pkt_timebase(input.stream().time_base());
            codec.thread_count(threads);
            // The decoder refuses larger pictures itself, whatever the bitstream claims.
            codec.max_pixels(Mp4Input.MAX_PIXELS);
            check(avcodec_open2(codec, decoder, (AVDictionary) null), "cannot open its " + input.header().codec() + " decoder");
            packet = av_packet_alloc();
            frame = av_frame_alloc();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The next frame in presentation order, or null after the last one. The frame belongs to the
     * decoder and is valid until the next call.
     */
    AVFrame next() {
        if (held) {
            held = false;
            return frame;
        }
        // A failure below is explained by what FFmpeg logs while getting this frame, not by an older line.
        FFmpegLog.clear();
        while (true) {
            int ret = avcodec_receive_frame(codec, frame);
            if (ret == 0) {
                Mp4Input.checkSize(input.file(), frame.width(), frame.height());
                returned++;
                return frame;
            }
            if (ret == AVERROR_EOF()) {
                return null;
            }
            if (ret != AVERROR_EAGAIN()) {
                throw corrupt(ret);
            }
            if (flushed) {
                // The decoder wants input after being told there is none: treat as the end.
                return null;
            }
            feed();
        }
    }

    /** Makes the next {@link #next()} return the frame it returned last, untouched. */
    void pushBack() {
        held = true;
    }

    /**
     * Moves to the last keyframe at or before the stream time {@code timestamp}; the next frames
     * come from there. False when the file cannot seek (the position is then unchanged).
     */
    boolean seek(long timestamp) {
        FFmpegLog.clear();
        if (av_seek_frame(input.format(), input.streamIndex(), timestamp, AVSEEK_FLAG_BACKWARD) < 0) {
            return false;
        }
        avcodec_flush_buffers(codec);
        flushed = false;
        held = false;
        return true;
    }

    /** Hands the decoder the next packet of the video stream, or tells it the stream has ended. */
    private void feed() {
        while (true) {
            if (++packets > maxPackets) {
                throw BadVideo.video(input.file(), "its video stream holds more than " + maxPackets + " packets: expected at most "
                        + maxPackets + " (two per frame of " + KineticsOptions.NAME + "." + KineticsOptions.MAX_FRAMES + ")");
            }
            int ret = av_read_frame(input.format(), packet);
            if (ret == AVERROR_EOF()) {
                check(avcodec_send_packet(codec, null), "cannot finish decoding");
                flushed = true;
                return;
            }
            if (ret < 0) {
                throw BadVideo.ffmpeg(input.file(), "cannot read its video data (the file may be truncated or corrupt)", ret);
            }
            try {
                if (packet.stream_index() != input.streamIndex()) {
                    continue;
                }
                ret = avcodec_send_packet(codec, packet);
            } finally {
                av_packet_unref(packet);
            }
            if (ret < 0 && ret != AVERROR_EAGAIN()) {
                throw corrupt(ret);
            }
            return;
        }
    }

    private RuntimeException corrupt(int ret) {
        return BadVideo.ffmpeg(input.file(), "corrupt video data after " + returned + " decoded frames", ret);
    }

    private void check(int ret, String what) {
        if (ret < 0) {
            throw BadVideo.ffmpeg(input.file(), what, ret);
        }
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
    }
}
