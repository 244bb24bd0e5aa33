package org.tecoplatform.dataset.kinetics;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_CROP_UNALIGNED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_apply_cropping;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Turns decoded frames into {@code size x size} RGB: the frame's {@link CenterCrop centre square}
 * is cut out in place (only pointers move) and swscale scales it straight to RGB24 with
 * area averaging, honouring the frame's colour matrix (BT.601/709/2020) and range.
 */
final class FrameScaler implements AutoCloseable {

    private final Path file;
    private final int size;
    private final int stride;
    private BytePointer buffer;
    private final ByteBuffer pixels;
    private AVFrame rgb;
    private SwsContext sws;
    private int srcSide = -1;
    private int srcFormat = -1;
    private int srcColorspace = -1;
    private int srcRange = -1;

    FrameScaler(Path file, int size) {
        this.file = file;
        this.size = size;
        // Rows start on 64-byte boundaries for swscale's SIMD; the slack covers writes past a row's end.
        this.stride = (size * 3 + 63) & ~63;
        this.buffer = new BytePointer((long) stride * size + 64);
        this.pixels = buffer.asByteBuffer();
        this.rgb = av_frame_alloc();
        rgb.data(0, buffer);
        rgb.linesize(0, stride);
    }

    int frameBytes() {
        return size * size * 3;
    }

    /** Writes the frame's output pixels, row-major RGB, to {@code out[offset ..]}. The frame's crop fields are used up. */
    void convert(AVFrame frame, byte[] out, int offset) {
        int width = frame.width();
        int height = frame.height();
        CenterCrop crop = CenterCrop.of(width, height);
        frame.crop_left(crop.left()).crop_top(crop.top()).crop_right(crop.right(width)).crop_bottom(crop.bottom(height));
        if (av_frame_apply_cropping(frame, AV_FRAME_CROP_UNALIGNED) < 0 || frame.width() != crop.side() || frame.height() != crop.side()) {
            throw BadVideo.video(file, "cannot crop its " + width + "x" + height + " " + formatName(frame.format()) + " frames");
        }
        configure(crop.side(), frame.format(), frame.colorspace(), frame.color_range());
        sws_scale(sws, frame.data(), frame.linesize(), 0, crop.side(), rgb.data(), rgb.linesize());
        int row = size * 3;
        if (stride == row) {
            pixels.get(0, out, offset, row * size);
        } else {
            for (int y = 0; y < size; y++) {
                pixels.get(y * stride, out, offset + y * row, row);
            }
        }
    }

    private void configure(int side, int format, int colorspace, int range) {
        if (sws != null && side == srcSide && format == srcFormat && colorspace == srcColorspace && range == srcRange) {
            return;
        }
        sws = sws_getCachedContext(sws, side, side, format, size, size, AV_PIX_FMT_RGB24, SWS_AREA, null, null, (DoublePointer) null);
        if (sws == null) {
            throw BadVideo.video(file, "cannot convert its " + formatName(format) + " frames to RGB");
        }
        // swscale assumes BT.601 limited range unless told: HD videos are BT.709, JPEG-style ones full range.
        int fullRange = range == AVCOL_RANGE_JPEG || jpegFormat(format) ? 1 : 0;
        sws_setColorspaceDetails(sws, sws_getCoefficients(matrix(colorspace)), fullRange, sws_getCoefficients(SWS_CS_DEFAULT), 1,
                0, 1 << 16, 1 << 16);
        srcSide = side;
        srcFormat = format;
        srcColorspace = colorspace;
        srcRange = range;
    }

    private static int matrix(int colorspace) {
        if (colorspace == AVCOL_SPC_BT709) {
            return SWS_CS_ITU709;
        }
        if (colorspace == AVCOL_SPC_BT2020_NCL || colorspace == AVCOL_SPC_BT2020_CL) {
            return SWS_CS_BT2020;
        }
        return SWS_CS_DEFAULT;
    }

    private static boolean jpegFormat(int format) {
        return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P
                || format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUVJ411P;
    }

    private static String formatName(int format) {
        BytePointer name = av_get_pix_fmt_name(format);
        return name == null ? "pixel format " + format : name.getString();
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (rgb != null) {
            rgb.data(0, null);
            av_frame_free(rgb);
            rgb = null;
        }
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }
}
