package org.tecoplatform.pipeline.run;

import org.tecoplatform.api.Progress;

/** Makes progress displays; the CLI shows bars on a terminal, tests may log or ignore. */
@FunctionalInterface
public interface ProgressFactory {

    Progress start(String task, long total, String unit);

    /** Progress that reports nothing. */
    static ProgressFactory silent() {
        return (task, total, unit) -> new Progress() {
            @Override
            public void advance(long n) {
            }

            @Override
            public void status(String text) {
            }

            @Override
            public void close() {
            }
        };
    }
}
