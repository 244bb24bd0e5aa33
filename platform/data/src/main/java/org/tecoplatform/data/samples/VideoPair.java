package org.tecoplatform.data.samples;

import java.util.Objects;
import org.tecoplatform.api.Video;

/** A real video and the generated one that continues its context frames; both of one shape. */
public record VideoPair(Video real, Video fake) {

    public VideoPair {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(fake, "fake");
        if (real.frames() != fake.frames() || real.height() != fake.height() || real.width() != fake.width()
                || real.channels() != fake.channels()) {
            throw new IllegalArgumentException("real " + real + " and fake " + fake + " differ in shape");
        }
    }
}
