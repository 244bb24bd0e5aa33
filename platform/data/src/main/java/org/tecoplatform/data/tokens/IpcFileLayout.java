package org.tecoplatform.data.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.types.pojo.Schema;
import org.tecoplatform.api.BadInputException;

/**
 * Opens an Arrow IPC file without copying it: the footer names the record batches, each batch
 * is memory-mapped, and its message header gives the buffer positions inside the mapping.
 * Arrow's own {@code ArrowFileReader} would copy every batch it loads into allocator memory.
 *
 * <p>File layout (Arrow columnar format, "IPC File Format"): {@code ARROW1} + 2 padding bytes,
 * the stream messages, the footer flatbuffer, its int32 length, {@code ARROW1}.
 */
final class IpcFileLayout {

    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    /** Leading magic with padding, trailing footer length and magic. */
    private static final int HEAD = 8;
    private static final int TAIL = 4 + 6;
    private static final int CONTINUATION = 0xFFFFFFFF;

    /** What {@link #open} found: the checked metadata, the code width and the mapped batches. */
    record Opened(TokenCacheInfo info, int codeBytes, List<MappedBatch> batches) {
    }

    private IpcFileLayout() {
    }

    static Opened open(FileChannel ch, Path file, TokenCacheInfo expected) throws IOException {
        long size = ch.size();
        if (size < HEAD + TAIL) {
            throw notArrow(file, size + " bytes, too short for an Arrow IPC file");
        }
        ByteBuffer head = read(ch, 0, HEAD);
        ByteBuffer tail = read(ch, size - TAIL, TAIL);
        if (!magicAt(head, 0)) {
            throw notArrow(file, "it does not start with ARROW1");
        }
        if (!magicAt(tail, 4)) {
            throw notArrow(file, "it does not end with ARROW1: truncated, or still being written");
        }
        int footerLength = tail.getInt(0);
        long footerStart = size - TAIL - footerLength;
        if (footerLength <= 0 || footerStart < HEAD) {
            throw MappedBatch.corrupt(file, "footer length " + footerLength + " does not fit a " + size + "-byte file");
        }
        ByteBuffer footerBytes = read(ch, footerStart, footerLength);
        ArrowFooter footer;
        boolean littleEndian;
        try {
            // Every read of the footer flatbuffer stays inside this try: damaged bytes surface
            // as index errors anywhere in it.
            Footer flat = Footer.getRootAsFooter(footerBytes);
            littleEndian = flat.schema() != null && flat.schema().endianness() == Endianness.Little;
            footer = new ArrowFooter(flat);
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": corrupt token cache file (unreadable footer: " + e.getMessage() + ")", e);
        }
        if (!littleEndian) {
            throw MappedBatch.corrupt(file, "footer schema missing or not little-endian");
        }
        Schema schema = footer.getSchema();
        Map<String, String> metadata = schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata();
        TokenCacheInfo info = TokenCacheInfo.fromMetadata(metadata, file);
        if (expected != null) {
            expected.check(info, file);
        }
        int codeBytes = TokenSchema.codeBytes(schema, info, file);
        if (!footer.getDictionaries().isEmpty()) {
            throw MappedBatch.corrupt(file, "it has dictionaries; a token cache has none");
        }
        List<MappedBatch> batches = new ArrayList<>();
        List<ArrowBlock> blocks = footer.getRecordBatches();
        for (int i = 0; i < blocks.size(); i++) {
            batches.add(map(ch, blocks.get(i), footerStart, codeBytes, info, file, "record batch " + i));
        }
        return new Opened(info, codeBytes, batches);
    }

    private static MappedBatch map(FileChannel ch, ArrowBlock block, long footerStart, int codeBytes, TokenCacheInfo info, Path file,
                                   String what) throws IOException {
        long offset = block.getOffset();
        long metaLength = block.getMetadataLength();
        long bodyLength = block.getBodyLength();
        if (offset < HEAD || metaLength < 8 || bodyLength < 0 || metaLength + bodyLength > Integer.MAX_VALUE
                || offset + metaLength + bodyLength > footerStart) {
            throw MappedBatch.corrupt(file, what + " at " + offset + " (" + metaLength + " + " + bodyLength
                    + " bytes) does not lie between the header and the footer at " + footerStart);
        }
        MappedByteBuffer region = ch.map(FileChannel.MapMode.READ_ONLY, offset, metaLength + bodyLength);
        region.order(ByteOrder.LITTLE_ENDIAN);
        int first = region.getInt(0);
        int messageStart = first == CONTINUATION ? 8 : 4;
        int messageLength = first == CONTINUATION ? region.getInt(4) : first;
        if (messageLength <= 0 || messageStart + (long) messageLength > metaLength) {
            throw MappedBatch.corrupt(file, what + ": message header of " + messageLength + " bytes does not fit its "
                    + metaLength + "-byte metadata block");
        }
        long rows;
        long[][] buffers = new long[MappedBatch.BUFFERS][];
        long[][] nodes = new long[MappedBatch.NODES][];
        try {
            // Every read of the message flatbuffer stays inside this try (see open()).
            Message message = Message.getRootAsMessage(region.slice(messageStart, messageLength).order(ByteOrder.LITTLE_ENDIAN));
            if (message.headerType() != MessageHeader.RecordBatch || message.version() < MetadataVersion.V4) {
                throw MappedBatch.corrupt(file, what + ": message is " + MessageHeader.name(message.headerType()) + " (metadata version "
                        + message.version() + "), expected a RecordBatch of version V4 or later");
            }
            RecordBatch rb = (RecordBatch) message.header(new RecordBatch());
            if (rb == null) {
                throw MappedBatch.corrupt(file, what + ": message has no record batch header");
            }
            BodyCompression compression = rb.compression();
            if (compression != null) {
                throw MappedBatch.corrupt(file, what + " is compressed; token caches are written uncompressed");
            }
            if (rb.nodesLength() != MappedBatch.NODES || rb.buffersLength() != MappedBatch.BUFFERS
                    || rb.length() < 0 || rb.length() > Integer.MAX_VALUE) {
                throw MappedBatch.corrupt(file, what + ": " + rb.length() + " rows, " + rb.nodesLength() + " field nodes and "
                        + rb.buffersLength() + " buffers; the schema needs " + MappedBatch.NODES + " and " + MappedBatch.BUFFERS);
            }
            rows = rb.length();
            for (int b = 0; b < MappedBatch.BUFFERS; b++) {
                buffers[b] = new long[] {rb.buffers(b).offset(), rb.buffers(b).length()};
            }
            for (int n = 0; n < MappedBatch.NODES; n++) {
                nodes[n] = new long[] {rb.nodes(n).length(), rb.nodes(n).nullCount()};
            }
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": corrupt token cache file (" + what + ": unreadable message header: " + e.getMessage() + ")", e);
        }
        ByteBuffer body = region.slice((int) metaLength, (int) bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        return new MappedBatch(body, (int) rows, buffers, nodes, codeBytes, info, file, what);
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + buf.position()));
            }
        }
        return buf.flip();
    }

    private static boolean magicAt(ByteBuffer buf, int at) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static BadInputException notArrow(Path file, String detail) {
        return new BadInputException(file + ": not a complete Arrow IPC file (" + detail + ")");
    }
}
