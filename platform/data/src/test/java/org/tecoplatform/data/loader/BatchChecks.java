package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Checks that every sample of a batch holds exactly the frames and actions its id and start name. */
final class BatchChecks {

    private BatchChecks() {
    }

    /** Asserts the batch matches {@link CodedReader}'s pattern, given each episode's length. */
    static void assertCoded(Batch b, int[] lengths) {
        int fb = CodedReader.FRAME_BYTES;
        assertThat(b.frameValues()).isEqualTo(fb);
        for (int s = 0; s < b.size(); s++) {
            int e = CodedReader.index(b.episodeIds()[s]);
            int start = b.windowStarts()[s];
            assertThat(start).as("window start of %s", b.episodeIds()[s]).isBetween(0, lengths[e] - b.frames());
            for (int t = 0; t < b.frames(); t++) {
                int base = (s * b.frames() + t) * fb;
                for (int i = 0; i < fb; i++) {
                    byte expected = CodedReader.pixel(e, start + t, i);
                    if (b.raw() != null) {
                        assertThat(b.raw()[base + i]).isEqualTo(expected);
                    }
                    if (b.pixels() != null) {
                        assertThat(b.pixels()[base + i]).isEqualTo((float) (2.0 * (expected & 0xFF) / 255.0 - 1.0));
                    }
                }
                assertThat(b.actions()[s * b.frames() + t]).isEqualTo(CodedReader.action(e, start + t));
            }
        }
    }

    /** Every batch the loader gives, until it ends. */
    static List<Batch> drain(DataLoader loader) {
        List<Batch> out = new ArrayList<>();
        loader.forEachRemaining(out::add);
        return out;
    }

    /** The first {@code n} batches. */
    static List<Batch> take(DataLoader loader, int n) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(loader.next());
        }
        return out;
    }
}
