package org.tecoplatform.dataset.kinetics;

/**
 * The part of a frame that becomes the {@code size x size} output: its centred square, as wide
 * as the shorter side. Scaling that square to {@code size} gives what "resize the shorter side
 * to {@code size}, then centre-crop" gives (up to sub-pixel rounding at the edges), while the
 * scaler only ever touches the pixels that are kept, whatever the aspect ratio.
 *
 * <p>Offsets are rounded down to even numbers so that they fall on a chroma sample of the
 * subsampled (4:2:0, 4:2:2) pictures video decoders return.
 *
 * @param left first kept column of the decoded frame
 * @param top  first kept row
 * @param side width and height of the kept square
 */
record CenterCrop(int left, int top, int side) {

    static CenterCrop of(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad frame size " + width + "x" + height);
        }
        int side = Math.min(width, height);
        return new CenterCrop(((width - side) / 2) & ~1, ((height - side) / 2) & ~1, side);
    }

    int right(int width) {
        return width - left - side;
    }

    int bottom(int height) {
        return height - top - side;
    }
}
