package org.tecoplatform.npz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The central directory of a zip archive, read from its mapping: the end record (zip64 when
 * present), every central entry, and for each wanted member its local header, which must agree
 * with the central entry. Every offset and size is checked against the file before it is used;
 * nothing is allocated larger than one header, name or extra field (at most 64 KiB each).
 *
 * <p>Offsets are taken relative to where the central directory says the archive starts, so a
 * prefix before the first member (a self-extractor stub) is allowed, as {@code ZipFile} and
 * Python's {@code zipfile} allow it; the zip64 locator's offset is taken as it is, as
 * {@code ZipFile} takes it. Bytes after the end record are allowed when the directory it points
 * to starts with a central entry, as {@code ZipFile} allows them.
 *
 * <p>Deliberately stricter than {@code ZipFile} (which checks a local header's signature and
 * lengths only): a wanted member's local header must repeat its central entry's name, method
 * and, unless a data descriptor follows the data, its CRC-32 and sizes; and the directory must
 * hold as many entries as the end record counts.
 */
final class ZipDirectory {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    static final String NOT_A_ZIP = "not a readable zip archive (expected a numpy .npz, a zip of .npy members; "
            + "the file may be truncated or corrupt): ";

    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int ZIP64_END_SIG = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int LOCAL_BYTES = 30;
    private static final int CENTRAL_BYTES = 46;
    private static final int END_BYTES = 22;
    private static final int ZIP64_END_BYTES = 56;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final long MAGIC32 = 0xFFFFFFFFL;
    private static final int MAGIC16 = 0xFFFF;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DATA_DESCRIPTOR = 1 << 3;

    /**
     * One member, ready to read: {@code compressedSize} bytes of its data start at file offset
     * {@code dataOffset} and lie before the central directory.
     */
    record Entry(String name, int method, long crc, long compressedSize, long size, long dataOffset) {
    }

    private final MappedFile map;
    private final Path file;

    private ZipDirectory(MappedFile map, Path file) {
        this.map = map;
        this.file = file;
    }

    /**
     * The entries whose names {@code wanted} accepts, in directory order, each validated against
     * its local header; other entries are walked over but not checked beyond their central record.
     */
    static List<Entry> read(MappedFile map, Path file, Predicate<String> wanted) throws NpzFormatException {
        return new ZipDirectory(map, file).entries(wanted);
    }

    /** Where the central directory lies and where the archive's offsets count from. */
    private record Directory(long start, long end, long entries, boolean zip64, long base) {
    }

    private List<Entry> entries(Predicate<String> wanted) throws NpzFormatException {
        Directory d = directory();
        List<Entry> out = new ArrayList<>();
        long p = d.start();
        long count = 0;
        while (p < d.end()) {
            if (d.end() - p < CENTRAL_BYTES) {
                throw notAZip("central directory entry " + count + " at offset " + p + " is cut short: expected "
                        + CENTRAL_BYTES + " bytes, the directory has " + (d.end() - p) + " left");
            }
            byte[] h = map.bytes(p, CENTRAL_BYTES);
            if (i32(h, 0) != CENTRAL_SIG) {
                throw notAZip(String.format("expected a central directory entry signature 0x%08x at offset %d, found 0x%08x",
                        CENTRAL_SIG, p, i32(h, 0)));
            }
            int nameLength = u16(h, 28);
            int extraLength = u16(h, 30);
            int commentLength = u16(h, 32);
            long next = p + CENTRAL_BYTES + nameLength + extraLength + commentLength;
            if (next > d.end()) {
                throw notAZip("central directory entry " + count + " at offset " + p + " needs " + (next - p)
                        + " bytes, the directory has " + (d.end() - p) + " left");
            }
            byte[] rawName = map.bytes(p + CENTRAL_BYTES, nameLength);
            String name = name(rawName, p);
            if (wanted.test(name)) {
                byte[] extra = map.bytes(p + CENTRAL_BYTES + nameLength, extraLength);
                out.add(member(d, h, rawName, name, extra));
            }
            p = next;
            count++;
        }
        // Without zip64 the count field is 16 bits: a directory of 65536+ entries wraps it.
        long counted = d.zip64() ? count : count & MAGIC16;
        if (counted != d.entries()) {
            throw notAZip("the end of central directory record counts " + d.entries() + " entries, the central directory holds "
                    + count);
        }
        return out;
    }

    private Directory directory() throws NpzFormatException {
        long size = map.size();
        if (size < END_BYTES) {
            throw notAZip("the file has " + size + " bytes, fewer than the " + END_BYTES
                    + " of an end of central directory record");
        }
        // The end record is the last thing in the file but for its comment of at most 64 KiB.
        long lowest = Math.max(0, size - END_BYTES - MAX_COMMENT);
        byte[] tail = map.bytes(lowest, (int) (size - lowest));
        for (int i = tail.length - END_BYTES; i >= 0; i--) {
            if (i32(tail, i) != END_SIG) {
                continue;
            }
            long at = lowest + i;
            // A comment that ends exactly at the end of the file confirms the record; otherwise (bytes
            // appended after the zip, or these 4 bytes are data) only a central directory where it says.
            boolean exact = at + END_BYTES + u16(tail, i + 20) == size;
            if (exact || plausible(tail, i, at)) {
                return directoryAt(tail, i, at);
            }
        }
        throw notAZip("found no end of central directory record (signature 0x06054b50) in the last "
                + (size - lowest) + " bytes");
    }

    /** Whether an end record not confirmed by its comment length points at a central directory entry. */
    private boolean plausible(byte[] tail, int i, long at) throws NpzFormatException {
        long cdSize = u32(tail, i + 12);
        if (cdSize == MAGIC32 || u32(tail, i + 16) == MAGIC32 || cdSize > at) {
            return false;
        }
        return cdSize == 0 || i32(map.bytes(at - cdSize, 4), 0) == CENTRAL_SIG;
    }

    private Directory directoryAt(byte[] tail, int i, long at) throws NpzFormatException {
        long entries = u16(tail, i + 10);
        long cdSize = u32(tail, i + 12);
        long cdOffset = u32(tail, i + 16);
        long cdEnd = at;
        boolean zip64 = false;
        long locator = at - ZIP64_LOCATOR_BYTES;
        if (locator >= 0 && i32(map.bytes(locator, 4), 0) == ZIP64_LOCATOR_SIG) {
            byte[] loc = map.bytes(locator, ZIP64_LOCATOR_BYTES);
            long record = i64(loc, 8);
            if (record < 0 || record > locator - ZIP64_END_BYTES) {
                throw notAZip("the zip64 end of central directory locator at offset " + locator + " points to offset "
                        + Long.toUnsignedString(record) + ": expected a zip64 end record between 0 and "
                        + Math.max(0, locator - ZIP64_END_BYTES));
            }
            byte[] r = map.bytes(record, ZIP64_END_BYTES);
            if (i32(r, 0) != ZIP64_END_SIG) {
                throw notAZip(String.format("expected a zip64 end of central directory record (signature 0x%08x) at offset %d, "
                        + "found 0x%08x", ZIP64_END_SIG, record, i32(r, 0)));
            }
            long entries64 = i64(r, 32);
            long cdSize64 = i64(r, 40);
            long cdOffset64 = i64(r, 48);
            // The 32-bit fields either hold the same values or defer to the zip64 record.
            agree("entry count", entries, MAGIC16, entries64);
            agree("central directory size", cdSize, MAGIC32, cdSize64);
            agree("central directory offset", cdOffset, MAGIC32, cdOffset64);
            entries = entries64;
            cdSize = cdSize64;
            cdOffset = cdOffset64;
            cdEnd = record;
            zip64 = true;
        } else if (cdSize == MAGIC32 || cdOffset == MAGIC32) {
            throw notAZip("the end of central directory record at offset " + at
                    + " defers to a zip64 record: expected a zip64 locator before it, found none");
        }
        if (cdSize < 0 || cdSize > cdEnd) {
            throw notAZip("the central directory of " + Long.toUnsignedString(cdSize) + " bytes does not fit before offset "
                    + cdEnd + ", where it must end");
        }
        long cdStart = cdEnd - cdSize;
        if (cdOffset < 0 || cdOffset > cdStart) {
            throw notAZip("the end record puts the central directory at offset " + Long.toUnsignedString(cdOffset)
                    + ": expected at most " + cdStart + " (it ends at " + cdEnd + " and holds " + cdSize + " bytes)");
        }
        if (entries < 0) {
            throw notAZip("the zip64 end record counts " + Long.toUnsignedString(entries) + " entries");
        }
        return new Directory(cdStart, cdEnd, entries, zip64, cdStart - cdOffset);
    }

    private void agree(String what, long field, long magic, long value64) throws NpzFormatException {
        if (field != magic && field != value64) {
            throw notAZip("the end of central directory record gives the " + what + " as " + field
                    + ", its zip64 record as " + Long.toUnsignedString(value64));
        }
    }

    /** A wanted central entry, checked and completed from its zip64 extra and its local header. */
    private Entry member(Directory d, byte[] h, byte[] rawName, String name, byte[] extra) throws NpzFormatException {
        int flags = u16(h, 8);
        int method = u16(h, 10);
        long crc = u32(h, 16);
        long compressedSize = u32(h, 20);
        long size = u32(h, 24);
        long localOffset = u32(h, 42);
        if ((flags & FLAG_ENCRYPTED) != 0) {
            throw new NpzFormatException(file, name, "the member is encrypted: expected a plain stored or deflated .npy member");
        }
        if (method != STORED && method != DEFLATED) {
            throw new NpzFormatException(file, name, "compression method " + method
                    + ": expected 0 (stored, np.savez) or 8 (deflated, np.savez_compressed)");
        }
        if (size == MAGIC32 || compressedSize == MAGIC32 || localOffset == MAGIC32) {
            // Zip64 extra: 8-byte values for exactly the 32-bit fields that hold 0xFFFFFFFF, in this order.
            ByteBuffer z = zip64Extra(extra);
            int needed = 8 * ((size == MAGIC32 ? 1 : 0) + (compressedSize == MAGIC32 ? 1 : 0) + (localOffset == MAGIC32 ? 1 : 0));
            if (z == null || z.remaining() < needed) {
                throw new NpzFormatException(file, name, "the central directory entry defers sizes or offset to a zip64 extra field of "
                        + needed + " bytes: found " + (z == null ? "none" : z.remaining() + " bytes"));
            }
            size = size == MAGIC32 ? z.getLong() : size;
            compressedSize = compressedSize == MAGIC32 ? z.getLong() : compressedSize;
            localOffset = localOffset == MAGIC32 ? z.getLong() : localOffset;
        }
        long cdStart = d.start();
        if (size < 0 || compressedSize < 0 || compressedSize > cdStart) {
            throw new NpzFormatException(file, name, "the central directory gives a compressed size of "
                    + Long.toUnsignedString(compressedSize) + " and a size of " + Long.toUnsignedString(size)
                    + " bytes: expected sizes that fit the " + cdStart + " bytes before the central directory");
        }
        if (method == STORED && compressedSize != size) {
            throw new NpzFormatException(file, name, "a stored member's compressed size is " + compressedSize
                    + " bytes and its size " + size + ": expected them equal");
        }
        long local = d.base() + localOffset;
        if (localOffset < 0 || local < 0 || local > cdStart - LOCAL_BYTES) {
            throw new NpzFormatException(file, name, "the local file header offset is " + Long.toUnsignedString(localOffset)
                    + ": expected a " + LOCAL_BYTES + "-byte header within the " + cdStart + " bytes before the central directory");
        }
        byte[] l = map.bytes(local, LOCAL_BYTES);
        if (i32(l, 0) != LOCAL_SIG) {
            throw new NpzFormatException(file, name, String.format(
                    "expected a local file header signature 0x%08x at offset %d, found 0x%08x", LOCAL_SIG, local, i32(l, 0)));
        }
        int localNameLength = u16(l, 26);
        int localExtraLength = u16(l, 28);
        long dataOffset = local + LOCAL_BYTES + localNameLength + localExtraLength;
        if (dataOffset > cdStart) {
            throw new NpzFormatException(file, name, "the local file header at offset " + local + " needs "
                    + (dataOffset - local) + " bytes: expected them before the central directory at " + cdStart);
        }
        byte[] localName = map.bytes(local + LOCAL_BYTES, localNameLength);
        if (!Arrays.equals(localName, rawName)) {
            throw disagree(name, local, "name", "'" + name + "'", "'" + new String(localName, StandardCharsets.UTF_8) + "'");
        }
        int localFlags = u16(l, 6);
        int localMethod = u16(l, 8);
        if (localMethod != method) {
            throw disagree(name, local, "compression method", String.valueOf(method), String.valueOf(localMethod));
        }
        if ((localFlags & FLAG_ENCRYPTED) != 0) {
            throw disagree(name, local, "encryption flag", "clear", "set");
        }
        // With a data descriptor (bit 3) the local CRC and sizes may be zeros; the central ones count.
        if ((localFlags & FLAG_DATA_DESCRIPTOR) == 0) {
            long localCrc = u32(l, 14);
            long localCompressed = u32(l, 18);
            long localSize = u32(l, 22);
            if (localSize == MAGIC32 || localCompressed == MAGIC32) {
                ByteBuffer z = zip64Extra(map.bytes(local + LOCAL_BYTES + localNameLength, localExtraLength));
                // A local zip64 extra holds both sizes (numpy writes it so on every member); tolerate one that
                // holds only the deferred ones, as in the central directory.
                int deferred = (localSize == MAGIC32 ? 1 : 0) + (localCompressed == MAGIC32 ? 1 : 0);
                if (z == null || z.remaining() < 8 * deferred) {
                    throw new NpzFormatException(file, name, "the local file header at offset " + local
                            + " defers its sizes to a zip64 extra field: found " + (z == null ? "none" : z.remaining() + " bytes"));
                }
                boolean both = z.remaining() >= 16;
                localSize = localSize == MAGIC32 || both ? z.getLong() : localSize;
                localCompressed = localCompressed == MAGIC32 || both ? z.getLong() : localCompressed;
            }
            if (localCrc != crc) {
                throw disagree(name, local, "CRC-32", String.format("%08x", crc), String.format("%08x", localCrc));
            }
            if (localCompressed != compressedSize) {
                throw disagree(name, local, "compressed size", String.valueOf(compressedSize), Long.toUnsignedString(localCompressed));
            }
            if (localSize != size) {
                throw disagree(name, local, "size", String.valueOf(size), Long.toUnsignedString(localSize));
            }
        }
        if (compressedSize > cdStart - dataOffset) {
            throw new NpzFormatException(file, name, "the member's " + compressedSize + " bytes of data at offset " + dataOffset
                    + " run past the central directory at " + cdStart + ": expected them before it");
        }
        return new Entry(name, method, crc, compressedSize, size, dataOffset);
    }

    private NpzFormatException disagree(String name, long local, String what, String central, String found) {
        return new NpzFormatException(file, name, "the local file header at offset " + local + " disagrees with the central "
                + "directory: expected " + what + " " + central + ", found " + found);
    }

    /** The data of the zip64 extra field (id 1), little-endian, or {@code null} when there is none. */
    private static ByteBuffer zip64Extra(byte[] extra) {
        int i = 0;
        while (i + 4 <= extra.length) {
            int id = u16(extra, i);
            int length = u16(extra, i + 2);
            if (i + 4 + length > extra.length) {
                return null; // a cut-short field: nothing after it can be trusted
            }
            if (id == ZIP64_EXTRA) {
                return ByteBuffer.wrap(extra, i + 4, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
            i += 4 + length;
        }
        return null;
    }

    // ZipFile decodes every name as UTF-8 (its default), and refuses names that are not.
    private String name(byte[] raw, long at) throws NpzFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw notAZip("the central directory entry at offset " + at + " has a name that is not UTF-8");
        }
    }

    private NpzFormatException notAZip(String detail) {
        return new NpzFormatException(file, null, NOT_A_ZIP + detail);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int i32(byte[] b, int i) {
        return u16(b, i) | u16(b, i + 2) << 16;
    }

    private static long u32(byte[] b, int i) {
        return i32(b, i) & MAGIC32;
    }

    /** An 8-byte field as a signed long: values above 2^63 come out negative, and every caller refuses those. */
    private static long i64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }
}
