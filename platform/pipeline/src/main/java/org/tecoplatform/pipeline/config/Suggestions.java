package org.tecoplatform.pipeline.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?": the closest known name by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code name}; ties go to the first in iteration order. */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt((String c) -> distance(name, c)));
    }

    /** Levenshtein distance, case-insensitive. */
    public static int distance(String a, String b) {
        String s = a.toLowerCase(java.util.Locale.ROOT);
        String t = b.toLowerCase(java.util.Locale.ROOT);
        int[] prev = new int[t.length() + 1];
        int[] cur = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[t.length()];
    }
}
