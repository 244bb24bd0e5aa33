package org.tecoplatform.dataset.kinetics;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's own diagnostics, kept for our error messages instead of printed on stderr (where they
 * would tear through the progress display). Its error codes are generic ("Invalid data found
 * when processing input"); the line it logged just before ("moov atom not found") is what tells
 * a truncated download from a file that is not a video, so the last one per thread is kept and
 * added to the {@link org.tecoplatform.api.BadInputException}. Everything is also logged at debug.
 */
final class FFmpegLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.tecoplatform.dataset.kinetics.ffmpeg");
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();
    /** Held here: FFmpeg keeps only the native function pointer, the Java object must stay reachable. */
    private static final Callback CALLBACK = new Callback();

    static {
        av_log_set_level(AV_LOG_ERROR);
        setLogCallback(CALLBACK);
    }

    private FFmpegLog() {
    }

    /** Forgets this thread's last message; call before the FFmpeg calls whose failure is to be explained. */
    static void clear() {
        LAST.remove();
    }

    /** FFmpeg's text for an error code, with the line it logged on this thread since {@link #clear()}, if any. */
    static String describe(int errorCode) {
        byte[] buf = new byte[256];
        av_strerror(errorCode, buf, buf.length);
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        String text = new String(buf, 0, end, StandardCharsets.UTF_8);
        String last = LAST.get();
        return last == null ? text : last + " (" + text + ")";
    }

    /** The line FFmpeg logged on this thread since {@link #clear()}, or null. */
    static String last() {
        return LAST.get();
    }

    private static final class Callback extends LogCallback {
        @Override
        public void call(int level, BytePointer message) {
            String text = message.getString(StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                // The line starts with the component in brackets ("[mov,mp4,... @ 0x55d0] "): keep what it says.
                int close = text.startsWith("[") ? text.indexOf("] ") : -1;
                LAST.set(close > 0 ? text.substring(close + 2) : text);
                LOG.debug("FFmpeg (level {}): {}", level, text);
            }
        }
    }
}
