package org.tecoplatform.pipeline.config;

import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.api.BadInputException;

/** Collects every problem of a config so the user sees them all at once. */
final class ConfigProblems {

    private final RawConfig raw;
    private final List<String> problems = new ArrayList<>();

    ConfigProblems(RawConfig raw) {
        this.raw = raw;
    }

    void add(String dottedKey, String message) {
        problems.add(raw.where(dottedKey) + ": " + message);
    }

    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        String name = raw.file() == null ? "the config" : raw.file().toString();
        if (problems.size() == 1) {
            throw new BadInputException("invalid config: " + problems.get(0));
        }
        throw new BadInputException("invalid config " + name + ", " + problems.size() + " problems:\n  "
                + String.join("\n  ", problems));
    }
}
