package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zip layouts the reader must accept (zip64 in every place it may appear, comments, a prefix,
 * data descriptors) and the inconsistencies it must refuse, on archives written field by field.
 * Every accepted archive is also read with {@code java.util.zip.ZipFile}, so the layouts are real zips.
 */
class ZipLayoutTest {

    private static final int FRAME = 5 * 7 * 3;

    @TempDir
    Path tmp;

    private final byte[] pixels = pixels(40);
    private final NpyArray video = NpyArray.uint8(new int[] {40, 5, 7, 3}, pixels);
    private final NpyArray actions = NpyArray.int32(new int[] {4}, new int[] {3, 1, 4, 1});
    private int files;

    static Stream<Arguments> layouts() {
        List<Arguments> out = new ArrayList<>();
        for (boolean deflated : new boolean[] {false, true}) {
            for (int bits = 0; bits < 16; bits++) {
                out.add(Arguments.of(deflated, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "deflated={0} zip64Central={1} zip64Local={2} zip64End={3} dataDescriptor={4}")
    @MethodSource("layouts")
    void readsEveryZip64AndDescriptorLayout(boolean deflated, boolean zip64Central, boolean zip64Local, boolean zip64End,
            boolean dataDescriptor) throws IOException {
        RawZip zip = archive(deflated);
        if (zip64Central) {
            zip.zip64Central();
        }
        if (zip64Local) {
            zip.zip64Local();
        }
        if (zip64End) {
            zip.zip64End();
        }
        if (dataDescriptor) {
            zip.dataDescriptor();
        }
        assertReadsBack(write(zip.build()));
    }

    @Test
    void aLocalZip64ExtraHoldsBothSizesEvenWhenOneFieldDefersToIt() throws IOException {
        // The zip spec has a local zip64 extra hold both sizes; here only the compressed size field defers to it.
        RawZip.Built zip = archive(true).zip64Local().build();
        zip.putInt(zip.localOffsets()[0] + 22, NpyFile.toBytes(video).length);
        assertReadsBack(write(zip));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPastACommentAfterTheEndRecord(boolean deflated) throws IOException {
        // The comment holds an end record signature of its own, whose fields are junk: the scan must pass it by.
        assertReadsBack(write(archive(deflated).comment("episode 7 PK\u0005\u0006 junk junk junk junk junk").build()));
        // The longest comment puts the end record exactly at the far edge of the search window.
        assertReadsBack(write(archive(deflated).comment("c".repeat(0xFFFF)).zip64End().build()));
    }

    @Test
    void readsAnArchiveAfterAPrefixAndBeforeTrailingBytes() throws IOException {
        // A self-extractor stub before the archive, offsets not adjusted for it (as ZipFile and Python accept).
        assertReadsBack(write(archive(true).prefix("#!/bin/sh\nexit 0\n".repeat(20).getBytes()).build()));
        // Bytes appended after the end record: accepted when the directory it points to is a real one.
        assertReadsBack(write(archive(false).trailing(new byte[100]).build()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rowsAtTheStartMiddleAndEndOfCraftedZip64Members(boolean deflated) throws IOException {
        Path file = write(archive(deflated).zip64Central().zip64Local().zip64End().build());
        try (NpzReader npz = NpzReader.open(file)) {
            for (int[] rows : new int[][] {{0, 0}, {0, 1}, {0, 40}, {17, 6}, {39, 1}, {40, 0}}) {
                assertThat(npz.readUint8Rows("video", rows[0], rows[1])).as("rows %d+%d", rows[0], rows[1])
                        .isEqualTo(Arrays.copyOfRange(pixels, rows[0] * FRAME, (rows[0] + rows[1]) * FRAME));
            }
        }
    }

    @Test
    void aLocalHeaderThatDisagreesWithTheCentralDirectoryIsRefused() throws IOException {
        for (boolean deflated : new boolean[] {false, true}) {
            RawZip.Built base = archive(deflated).build();
            long local = base.localOffsets()[0];
            String at = "member video.npy: the local file header at offset " + local + " disagrees with the central directory: expected ";

            RawZip.Built renamed = archive(deflated).build();
            renamed.bytes()[(int) local + 30 + 2] = 'e'; // video.npy -> vieeo.npy, same length
            assertRefused(renamed, at + "name 'video.npy', found 'vieeo.npy'");

            RawZip.Built method = archive(deflated).build();
            method.putShort(local + 8, deflated ? 0 : 8);
            assertRefused(method, at + "compression method " + (deflated ? "8, found 0" : "0, found 8"));

            RawZip.Built crc = archive(deflated).build();
            crc.putInt(local + 14, 0x12345678L);
            assertRefused(crc, at + "CRC-32 ");

            RawZip.Built size = archive(deflated).build();
            size.putInt(local + 22, 3);
            assertRefused(size, at + "size " + NpyFile.toBytes(video).length + ", found 3");

            RawZip.Built sig = archive(deflated).build();
            sig.putInt(local, 0x04034b51);
            assertRefused(sig, "member video.npy: expected a local file header signature 0x04034b50 at offset "
                    + local + ", found 0x04034b51");
        }
        // numpy's layout: the sizes live in the local zip64 extra, and must agree there too.
        RawZip.Built zip64 = archive(true).zip64Local().build();
        long local = zip64.localOffsets()[0];
        zip64.putInt(local + 30 + "video.npy".length() + 4, 7); // the uncompressed size in the extra
        assertRefused(zip64, "disagrees with the central directory: expected size " + NpyFile.toBytes(video).length + ", found 7");
        // A local header whose name runs into the central directory is refused, not read past.
        RawZip.Built runs = archive(false).build();
        runs.putShort(runs.localOffsets()[1] + 26, 0xFFFF);
        assertRefused(runs, "member actions.npy: the local file header at offset " + runs.localOffsets()[1] + " needs 65565 bytes");
    }

    @Test
    void membersThatAreNotPlainStoredOrDeflatedAreRefused() throws IOException {
        RawZip.Built encrypted = archive(true).build();
        encrypted.putShort(encrypted.centralOffsets()[0] + 8, 1);
        assertRefused(encrypted, "member video.npy: the member is encrypted: expected a plain stored or deflated .npy member");

        RawZip.Built bzip2 = archive(false).build();
        bzip2.putShort(bzip2.centralOffsets()[1] + 10, 12);
        assertRefused(bzip2, "member actions.npy: compression method 12: expected 0 (stored, np.savez) or 8 (deflated, np.savez_compressed)");

        // Members that are not arrays are nobody's business: one we could not read does not stop the others.
        RawZip notes = new RawZip().add("video.npy", NpyFile.toBytes(video), true).add("notes.txt", "hi".getBytes(), false);
        RawZip.Built odd = notes.build();
        odd.putShort(odd.centralOffsets()[1] + 10, 12);
        odd.putShort(odd.centralOffsets()[1] + 8, 1);
        try (NpzReader npz = NpzReader.open(write(odd))) {
            assertThat(npz.keys()).containsExactly("video");
            assertThat(npz.readUint8("video")).isEqualTo(pixels);
        }
    }

    @Test
    void aDamagedDirectoryIsNotAReadableZip() throws IOException {
        String notAZip = ": not a readable zip archive (expected a numpy .npz, a zip of .npy members; the file may be truncated or corrupt): ";

        RawZip.Built count = archive(true).build();
        count.putShort(count.bytes().length - 22 + 10, 3);
        assertRefused(count, notAZip + "the end of central directory record counts 3 entries, the central directory holds 2");

        RawZip.Built cdSize = archive(true).build();
        cdSize.putInt(cdSize.bytes().length - 22 + 12, cdSize.bytes().length);
        assertRefused(cdSize, notAZip + "the central directory of " + cdSize.bytes().length + " bytes does not fit before offset "
                + (cdSize.bytes().length - 22));

        RawZip.Built cdOffset = archive(true).build();
        cdOffset.putInt(cdOffset.bytes().length - 22 + 16, cdOffset.centralOffsets()[0] + 1);
        assertRefused(cdOffset, notAZip + "the end record puts the central directory at offset " + (cdOffset.centralOffsets()[0] + 1));

        RawZip.Built locator = archive(true).zip64End().build();
        locator.putInt(locator.bytes().length - 22 - 20 + 8, 5);
        assertRefused(locator, notAZip + "expected a zip64 end of central directory record (signature 0x06064b50) at offset 5");

        RawZip.Built noZip64 = archive(true).build();
        noZip64.putInt(noZip64.bytes().length - 22 + 16, 0xFFFFFFFFL);
        assertRefused(noZip64, notAZip + "the end of central directory record at offset " + (noZip64.bytes().length - 22)
                + " defers to a zip64 record: expected a zip64 locator before it, found none");

        RawZip.Built entrySig = archive(true).build();
        entrySig.putInt(entrySig.centralOffsets()[1], 0x02014b51);
        assertRefused(entrySig, notAZip + "expected a central directory entry signature 0x02014b50 at offset "
                + entrySig.centralOffsets()[1] + ", found 0x02014b51");

        RawZip.Built missingExtra = archive(true).build();
        missingExtra.putInt(missingExtra.centralOffsets()[0] + 42, 0xFFFFFFFFL);
        assertRefused(missingExtra, "member video.npy: the central directory entry defers sizes or offset to a zip64 extra field of 8 bytes: found none");

        RawZip.Built farOffset = archive(true).build();
        farOffset.putInt(farOffset.centralOffsets()[1] + 42, farOffset.centralOffsets()[0] - 10);
        assertRefused(farOffset, "member actions.npy: the local file header offset is " + (farOffset.centralOffsets()[0] - 10)
                + ": expected a 30-byte header within the " + farOffset.centralOffsets()[0] + " bytes before the central directory");

        RawZip.Built stored = archive(false).build();
        int actionsBytes = NpyFile.toBytes(actions).length;
        stored.putInt(stored.centralOffsets()[1] + 20, actionsBytes - 1);
        assertRefused(stored, "member actions.npy: a stored member's compressed size is " + (actionsBytes - 1) + " bytes and its size "
                + actionsBytes + ": expected them equal");

        RawZip.Built longData = archive(false).build();
        long tooBig = longData.centralOffsets()[0];
        longData.putInt(longData.centralOffsets()[1] + 20, tooBig);
        longData.putInt(longData.centralOffsets()[1] + 24, tooBig);
        longData.putInt(longData.localOffsets()[1] + 18, tooBig);
        longData.putInt(longData.localOffsets()[1] + 22, tooBig);
        assertRefused(longData, "member actions.npy: the member's " + tooBig + " bytes of data at offset");
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 97, 4096})
    void readsTheSameAcrossMappingSegmentBoundaries(int segmentBytes) throws IOException {
        List<Path> archives = new ArrayList<>(List.of(NumpyFixtures.file("dtypes.npz"), NumpyFixtures.file("dtypes_compressed.npz"),
                NumpyFixtures.file("versions.npz")));
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = tmp.resolve("episode" + compressed + ".npz");
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            arrays.put("video", video);
            arrays.put("actions", actions);
            NpzWriter.write(file, arrays, compressed);
            archives.add(file);
        }
        archives.add(write(archive(true).zip64Central().zip64Local().zip64End().comment("segmented").build()));
        for (Path file : archives) {
            try (NpzReader whole = NpzReader.open(file); NpzReader pieces = NpzReader.open(file, NpzReader.DEFAULT_MAX_ARRAY_BYTES, segmentBytes)) {
                assertThat(pieces.keys()).containsExactlyElementsOf(whole.keys());
                for (String key : whole.keys()) {
                    assertThat(pieces.header(key)).as("%s %s", file, key).isEqualTo(whole.header(key));
                    assertThat(pieces.read(key)).as("%s %s", file, key).isEqualTo(whole.read(key));
                    int rows = whole.header(key).rank() == 0 ? 0 : whole.header(key).dim(0);
                    if (rows > 1) {
                        assertThat(pieces.readRows(key, 1, rows - 1)).isEqualTo(whole.readRows(key, 1, rows - 1));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFileCutShortWhileOpenIsReportedNotACrash(boolean deflated) throws IOException {
        Path file = write(archive(deflated).build());
        long size = Files.size(file);
        try (NpzReader npz = NpzReader.open(file)) {
            boolean cut;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0); // no page of the file is left: a copy from the mapping would fault
                cut = true;
            } catch (IOException e) {
                cut = false; // Windows refuses to truncate a mapped file: then the mapping still holds the data
            }
            if (cut) {
                String message = file + ": the file changed while it was read: expected the " + size
                        + " bytes it had when opened, found 0 (was it rewritten in place? write a new file and rename it)";
                assertThatThrownBy(() -> npz.readUint8("video")).isInstanceOf(NpzFormatException.class).hasMessage(message);
                assertThatThrownBy(() -> npz.readRows("video", 3, 2)).isInstanceOf(NpzFormatException.class).hasMessage(message);
                assertThatThrownBy(() -> npz.header("actions")).isInstanceOf(NpzFormatException.class).hasMessage(message);
            } else {
                assertThat(npz.readUint8("video")).isEqualTo(pixels);
            }
        }
    }

    @Test
    void aFileReplacedWhileOpenStillReadsAsItWas() throws IOException {
        // What NpzWriter does (a new file renamed over the old): the open reader keeps the old file.
        Path file = write(archive(true).build());
        try (NpzReader npz = NpzReader.open(file)) {
            try {
                NpzWriter.write(file, Map.of("video", NpyArray.uint8(new int[] {1}, new byte[] {1})), false);
            } catch (IOException e) {
                // Windows may refuse to replace an open file; the reader must still read the old one.
            }
            assertThat(npz.readUint8("video")).isEqualTo(pixels);
            assertThat(npz.read("actions")).isEqualTo(actions);
        }
    }

    @Test
    void aClosedReaderRefusesToRead() throws IOException {
        Path file = write(archive(true).build());
        NpzReader npz = NpzReader.open(file);
        assertThat(npz.readUint8("video")).isEqualTo(pixels);
        npz.close();
        assertThat(npz.keys()).containsExactly("video", "actions");
        assertThatThrownBy(() -> npz.read("video")).isInstanceOf(IllegalStateException.class)
                .hasMessage(file + ": the npz reader is closed");
    }

    private RawZip archive(boolean deflated) {
        return new RawZip().add("video.npy", NpyFile.toBytes(video), deflated).add("actions.npy", NpyFile.toBytes(actions), deflated);
    }

    private void assertReadsBack(Path file) throws IOException {
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.keys()).containsExactly("video", "actions");
            assertThat(npz.header("video")).isEqualTo(video.header());
            assertThat(npz.readUint8("video")).isEqualTo(pixels);
            assertThat(npz.read("actions")).isEqualTo(actions);
            assertThat(npz.readUint8Rows("video", 39, 1)).isEqualTo(Arrays.copyOfRange(pixels, 39 * FRAME, 40 * FRAME));
        }
        // The same bytes through ZipFile: the crafted layout is a valid zip, not one only this reader accepts.
        Map<String, byte[]> viaZipFile = NumpyCompatibilityTest.members(file);
        assertThat(viaZipFile.get("video.npy")).isEqualTo(NpyFile.toBytes(video));
        assertThat(viaZipFile.get("actions.npy")).isEqualTo(NpyFile.toBytes(actions));
    }

    private void assertRefused(RawZip.Built zip, String message) throws IOException {
        Path file = write(zip);
        assertThatThrownBy(() -> NpzReader.open(file).close()).isInstanceOf(NpzFormatException.class).hasMessageContaining(message)
                .hasMessageStartingWith(file.toString());
    }

    private Path write(RawZip.Built zip) throws IOException {
        return Files.write(tmp.resolve("crafted" + files++ + ".npz"), zip.bytes());
    }

    private static byte[] pixels(int frames) {
        byte[] p = new byte[frames * FRAME];
        new Random(11).nextBytes(p);
        return p;
    }
}
