package org.tecoplatform.data.tokens;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.tecoplatform.api.BadInputException;

/**
 * One record batch of a token cache file, read in place from its memory-mapped body: the
 * positions of the column buffers, checked once when the file is opened, so reads are plain
 * absolute loads (thread-safe, nothing copied but what the caller asks for).
 */
final class MappedBatch {

    /** Buffers of the schema in IPC order: validity/offsets/data per column, lists then their items. */
    static final int BUFFERS = 13;
    /** Field nodes: episode_id, frames, codes, codes.item, actions, actions.item. */
    static final int NODES = 6;

    private final ByteBuffer body;
    private final int rows;
    private final int idOffsets;
    private final int idData;
    private final int frames;
    private final int codeOffsets;
    private final int codeData;
    private final int codeBytes;
    private final int actionOffsets;
    private final int actionData;

    /**
     * @param body      the batch body, little-endian
     * @param rows      rows in the batch
     * @param buffers   (offset, length) of each of the {@value #BUFFERS} buffers, relative to the body
     * @param nodes     (length, null count) of each of the {@value #NODES} field nodes
     * @param codeBytes 2 or 4
     * @param info      the file's metadata, for the per-row checks
     * @param what      the file and batch, for messages
     */
    MappedBatch(ByteBuffer body, int rows, long[][] buffers, long[][] nodes, int codeBytes, TokenCacheInfo info, Path file,
                String what) {
        this.body = body;
        this.rows = rows;
        this.codeBytes = codeBytes;
        for (int n = 0; n < NODES; n++) {
            if (nodes[n][1] != 0) {
                throw corrupt(file, what + ": column node " + n + " has " + nodes[n][1] + " nulls; a token cache has none");
            }
        }
        for (int n : new int[] {0, 1, 2, 4}) {
            if (nodes[n][0] != rows) {
                throw corrupt(file, what + ": column node " + n + " has " + nodes[n][0] + " values for " + rows + " rows");
            }
        }
        for (int b = 0; b < BUFFERS; b++) {
            if (buffers[b][0] < 0 || buffers[b][1] < 0 || buffers[b][0] + buffers[b][1] > body.capacity()) {
                throw corrupt(file, what + ": buffer " + b + " [" + buffers[b][0] + ", +" + buffers[b][1] + ") lies outside the "
                        + body.capacity() + "-byte body");
            }
        }
        long codeCount = nodes[3][0];
        long actionCount = nodes[5][0];
        // An empty batch may come without offsets (pyarrow writes none); otherwise rows + 1 of them.
        long offsetBytes = rows == 0 ? 0 : 4L * (rows + 1);
        this.idOffsets = region(buffers[1], offsetBytes, file, what, "episode_id offsets");
        int idBytes = (int) buffers[2][1];
        this.idData = (int) buffers[2][0];
        this.frames = region(buffers[4], 4L * rows, file, what, "frames");
        this.codeOffsets = region(buffers[6], offsetBytes, file, what, "codes offsets");
        this.codeData = region(buffers[8], codeCount * codeBytes, file, what, "codes values");
        this.actionOffsets = region(buffers[10], offsetBytes, file, what, "actions offsets");
        this.actionData = region(buffers[12], actionCount * 4, file, what, "actions values");
        checkRows(info, idBytes, codeCount, actionCount, file, what);
    }

    /** Offsets must rise within their values, and each row's lists must fit its frame count. */
    private void checkRows(TokenCacheInfo info, int idBytes, long codeCount, long actionCount, Path file, String what) {
        int perFrame = info.codesPerFrame();
        for (int r = 0; r < rows; r++) {
            int t = body.getInt(frames + 4 * r);
            long codes = (long) codeEnd(r) - codeStart(r);
            long actions = (long) offset(actionOffsets, r + 1) - offset(actionOffsets, r);
            long idLength = (long) offset(idOffsets, r + 1) - offset(idOffsets, r);
            if (idLength < 0 || offset(idOffsets, r) < 0 || offset(idOffsets, r + 1) > idBytes
                    || codes < 0 || codeStart(r) < 0 || codeEnd(r) > codeCount
                    || actions < 0 || offset(actionOffsets, r) < 0 || offset(actionOffsets, r + 1) > actionCount) {
                throw corrupt(file, what + ", row " + r + ": list offsets outside their values");
            }
            if (t < 0 || codes != (long) t * perFrame || actions != t) {
                throw corrupt(file, what + ", row " + r + " (" + id(r) + "): " + t + " frames, " + codes + " codes and " + actions
                        + " actions; expected frames x " + info.latentHeight() + "x" + info.latentWidth() + " codes and one action per frame");
            }
        }
    }

    int rows() {
        return rows;
    }

    String id(int row) {
        int start = offset(idOffsets, row);
        byte[] bytes = new byte[offset(idOffsets, row + 1) - start];
        body.get(idData + start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    int frames(int row) {
        return body.getInt(frames + 4 * row);
    }

    /**
     * Copies the codes of {@code count} values from value {@code first} of {@code row} into
     * {@code dst}; a value outside [0, codes) means a damaged file.
     */
    void codes(int row, int first, int count, int[] dst, int dstOffset, int codebook, Path file) {
        int pos = codeData + (codeStart(row) + first) * codeBytes;
        // Sign bit of (c | (codebook-1-c)) is set exactly when c is outside [0, codebook): one OR per value, no branch.
        int bad = 0;
        if (codeBytes == 2) {
            for (int i = 0; i < count; i++) {
                int c = body.getShort(pos + 2 * i);
                dst[dstOffset + i] = c;
                bad |= c | (codebook - 1 - c);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int c = body.getInt(pos + 4 * i);
                dst[dstOffset + i] = c;
                bad |= c | (codebook - 1 - c);
            }
        }
        if (bad < 0) {
            for (int i = 0; i < count; i++) {
                int c = dst[dstOffset + i];
                if (c < 0 || c >= codebook) {
                    throw corrupt(file, "episode " + id(row) + ": code " + c + " at value " + (first + i) + " is outside [0, " + codebook + ")");
                }
            }
        }
    }

    void actions(int row, int first, int count, int[] dst, int dstOffset) {
        int pos = actionData + (offset(actionOffsets, row) + first) * 4;
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = body.getInt(pos + 4 * i);
        }
    }

    private int codeStart(int row) {
        return offset(codeOffsets, row);
    }

    private int codeEnd(int row) {
        return offset(codeOffsets, row + 1);
    }

    private int offset(int buffer, int index) {
        return body.getInt(buffer + 4 * index);
    }

    private static int region(long[] buffer, long needed, Path file, String what, String name) {
        if (buffer[1] < needed) {
            throw corrupt(file, what + ": the " + name + " buffer has " + buffer[1] + " bytes, needs " + needed);
        }
        return (int) buffer[0];
    }

    static BadInputException corrupt(Path file, String detail) {
        return new BadInputException(file + ": corrupt token cache file (" + detail + ")");
    }
}
