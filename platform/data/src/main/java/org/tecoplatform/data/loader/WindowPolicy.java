package org.tecoplatform.data.loader;

/** Which frames of an episode make one sample. */
public enum WindowPolicy {
    /** A window of {@code seqLen} frames at a seeded random start, as TECO trains. */
    RANDOM,
    /** The whole episode (tokenizing); episodes batched together must have equal length. */
    FULL
}
