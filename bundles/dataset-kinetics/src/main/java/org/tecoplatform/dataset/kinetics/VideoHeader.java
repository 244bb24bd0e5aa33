package org.tecoplatform.dataset.kinetics;

/**
 * What a video's container header says, read without decoding a frame.
 *
 * @param width  frame width in pixels, 0 when the header leaves it to the bitstream (MPEG-4 Part 2 in mp4)
 * @param height frame height in pixels, 0 likewise
 * @param codec  FFmpeg's name of the video codec ("h264", "mpeg4", ...)
 * @param frames frames the decoder will return, or -1 when the header cannot tell exactly
 */
record VideoHeader(int width, int height, String codec, int frames) {

    boolean sizeKnown() {
        return width > 0 && height > 0;
    }
}
