package org.tecoplatform.npz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives field by field, for layouts {@code ZipOutputStream} never makes: zip64 extras in
 * the central directory and the local headers, a zip64 end record, a comment, a prefix, bytes after
 * the end. {@link Built} records where each header went, so a test can damage one field.
 */
final class RawZip {

    private record Member(String name, byte[] data, boolean deflated) {
    }

    /** The archive and the offset of each member's local header and central entry (both with the prefix). */
    record Built(byte[] bytes, long[] localOffsets, long[] centralOffsets) {

        void putShort(long at, int value) {
            bytes[(int) at] = (byte) value;
            bytes[(int) at + 1] = (byte) (value >>> 8);
        }

        void putInt(long at, long value) {
            putShort(at, (int) value & 0xFFFF);
            putShort(at + 2, (int) (value >>> 16) & 0xFFFF);
        }
    }

    private final List<Member> members = new ArrayList<>();
    private boolean zip64Central;
    private boolean zip64Local;
    private boolean zip64End;
    private boolean dataDescriptor;
    private byte[] prefix = new byte[0];
    private byte[] comment = new byte[0];
    private byte[] trailing = new byte[0];

    RawZip add(String name, byte[] data, boolean deflated) {
        members.add(new Member(name, data, deflated));
        return this;
    }

    /** Central entries give sizes and local header offset as 0xFFFFFFFF and the values in a zip64 extra. */
    RawZip zip64Central() {
        zip64Central = true;
        return this;
    }

    /** Local headers give both sizes as 0xFFFFFFFF and the values in a zip64 extra (as numpy writes them). */
    RawZip zip64Local() {
        zip64Local = true;
        return this;
    }

    /** A zip64 end record and locator, and an end record whose fields defer to them. */
    RawZip zip64End() {
        zip64End = true;
        return this;
    }

    /** Local headers set flag bit 3 and hold zeros for CRC and sizes, as a streaming writer leaves them. */
    RawZip dataDescriptor() {
        dataDescriptor = true;
        return this;
    }

    RawZip prefix(byte[] bytes) {
        prefix = bytes;
        return this;
    }

    RawZip comment(String text) {
        comment = text.getBytes(StandardCharsets.ISO_8859_1);
        return this;
    }

    RawZip trailing(byte[] bytes) {
        trailing = bytes;
        return this;
    }

    Built build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        long[] localOffsets = new long[members.size()];
        long[] centralEntryOffsets = new long[members.size()];
        List<byte[]> centralEntries = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            Member member = members.get(m);
            byte[] name = member.name().getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(member.data());
            byte[] stored = member.deflated() ? deflate(member.data()) : member.data();
            long offset = out.size() - prefix.length; // offsets count from the archive's start, not the file's
            localOffsets[m] = out.size();

            ByteBuffer local = le(30 + name.length + (zip64Local ? 20 : 0));
            local.putInt(0x04034b50).putShort((short) 45).putShort((short) (dataDescriptor ? 8 : 0))
                    .putShort((short) (member.deflated() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21);
            if (dataDescriptor) {
                local.putInt(0).putInt(zip64Local ? -1 : 0).putInt(zip64Local ? -1 : 0);
            } else {
                local.putInt((int) crc.getValue()).putInt(zip64Local ? -1 : stored.length).putInt(zip64Local ? -1 : member.data().length);
            }
            local.putShort((short) name.length).putShort((short) (zip64Local ? 20 : 0)).put(name);
            if (zip64Local) {
                local.putShort((short) 1).putShort((short) 16);
                local.putLong(dataDescriptor ? 0 : member.data().length).putLong(dataDescriptor ? 0 : stored.length);
            }
            out.writeBytes(local.array());
            out.writeBytes(stored);
            if (dataDescriptor) {
                ByteBuffer dd = le(16).putInt(0x08074b50).putInt((int) crc.getValue()).putInt(stored.length).putInt(member.data().length);
                out.writeBytes(dd.array());
            }

            ByteBuffer c = le(46 + name.length + (zip64Central ? 28 : 0));
            c.putInt(0x02014b50).putShort((short) 0x031e).putShort((short) 45).putShort((short) (dataDescriptor ? 8 : 0))
                    .putShort((short) (member.deflated() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc.getValue());
            c.putInt(zip64Central ? -1 : stored.length).putInt(zip64Central ? -1 : member.data().length);
            c.putShort((short) name.length).putShort((short) (zip64Central ? 28 : 0)).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(zip64Central ? -1 : (int) offset).put(name);
            if (zip64Central) {
                c.putShort((short) 1).putShort((short) 24).putLong(member.data().length).putLong(stored.length).putLong(offset);
            }
            centralEntries.add(c.array());
        }
        long centralStart = out.size() - prefix.length;
        for (int m = 0; m < centralEntries.size(); m++) {
            centralEntryOffsets[m] = out.size() + central.size();
            central.writeBytes(centralEntries.get(m));
        }
        out.writeBytes(central.toByteArray());
        long centralSize = central.size();
        if (zip64End) {
            long record = out.size() - prefix.length;
            ByteBuffer r = le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(members.size()).putLong(members.size()).putLong(centralSize).putLong(centralStart);
            out.writeBytes(r.array());
            out.writeBytes(le(20).putInt(0x07064b50).putInt(0).putLong(record).putInt(1).array());
        }
        ByteBuffer end = le(22 + comment.length).putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
        end.putShort((short) (zip64End ? 0xFFFF : members.size())).putShort((short) (zip64End ? 0xFFFF : members.size()));
        end.putInt(zip64End ? -1 : (int) centralSize).putInt(zip64End ? -1 : (int) centralStart);
        end.putShort((short) comment.length).put(comment);
        out.writeBytes(end.array());
        out.writeBytes(trailing);
        return new Built(out.toByteArray(), localOffsets, centralEntryOffsets);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
