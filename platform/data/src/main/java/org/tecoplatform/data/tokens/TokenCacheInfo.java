package org.tecoplatform.data.tokens;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerInfo;

/**
 * What a token cache was made with, stored as the Arrow schema's custom metadata of every file:
 * the codebook size, the latent grid, and an id of the tokenizer (so a cache made by another
 * tokenizer is refused instead of silently mis-read).
 *
 * @param codes        codebook size; codes are in [0, codes)
 * @param latentHeight h of the h×w code grid per frame
 * @param latentWidth  w
 * @param tokenizer    an id or hash of the tokenizer that made the cache
 */
public record TokenCacheInfo(int codes, int latentHeight, int latentWidth, String tokenizer) {

    public static final String KEY_CODES = "teco.codes";
    public static final String KEY_LATENT_H = "teco.latent_h";
    public static final String KEY_LATENT_W = "teco.latent_w";
    public static final String KEY_TOKENIZER = "teco.tokenizer";
    public static final String KEY_FORMAT_VERSION = "teco.format_version";
    /** The layout version this code writes and reads. */
    public static final String FORMAT_VERSION = "1";
    /** Codebooks up to this size store codes as int16 (0..32767 fit a signed 16-bit integer). */
    public static final int MAX_INT16_CODES = 32768;

    public TokenCacheInfo {
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (codes < 1 || latentHeight < 1 || latentWidth < 1) {
            throw new IllegalArgumentException("token cache needs codes, latent_h and latent_w of at least 1, got " + codes + ", "
                    + latentHeight + ", " + latentWidth);
        }
        if (tokenizer.isBlank()) {
            throw new IllegalArgumentException("token cache needs a tokenizer id");
        }
    }

    /** The cache info for a tokenizer, identified by {@code tokenizerId} (e.g. a hash of its files). */
    public static TokenCacheInfo of(TokenizerInfo tokenizer, String tokenizerId) {
        return new TokenCacheInfo(tokenizer.codes(), tokenizer.latentHeight(), tokenizer.latentWidth(), tokenizerId);
    }

    /** Codes per frame (h·w). */
    public int codesPerFrame() {
        return latentHeight * latentWidth;
    }

    /** Bits per stored code: 16 when the codebook has at most {@value #MAX_INT16_CODES} codes, else 32. */
    public int codeBits() {
        return codes <= MAX_INT16_CODES ? 16 : 32;
    }

    /** The schema metadata, in a fixed key order. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_FORMAT_VERSION, FORMAT_VERSION);
        m.put(KEY_CODES, Integer.toString(codes));
        m.put(KEY_LATENT_H, Integer.toString(latentHeight));
        m.put(KEY_LATENT_W, Integer.toString(latentWidth));
        m.put(KEY_TOKENIZER, tokenizer);
        return m;
    }

    /** Reads the metadata of {@code file}; anything missing or malformed names the file and the key. */
    static TokenCacheInfo fromMetadata(Map<String, String> metadata, Path file) {
        String version = require(metadata, KEY_FORMAT_VERSION, file);
        if (!FORMAT_VERSION.equals(version)) {
            throw new BadInputException(file + ": schema metadata " + KEY_FORMAT_VERSION + " is '" + version
                    + "', this version of TECO Platform reads token caches of format '" + FORMAT_VERSION + "'");
        }
        int codes = positive(metadata, KEY_CODES, file);
        int h = positive(metadata, KEY_LATENT_H, file);
        int w = positive(metadata, KEY_LATENT_W, file);
        String tokenizer = require(metadata, KEY_TOKENIZER, file);
        if (tokenizer.isBlank()) {
            throw new BadInputException(file + ": schema metadata " + KEY_TOKENIZER + " is empty");
        }
        return new TokenCacheInfo(codes, h, w, tokenizer);
    }

    /** Throws unless {@code found} (read from {@code file}) is what this info expects, naming the first key that differs. */
    void check(TokenCacheInfo found, Path file) {
        differ(file, KEY_TOKENIZER, tokenizer, found.tokenizer);
        differ(file, KEY_CODES, Integer.toString(codes), Integer.toString(found.codes));
        differ(file, KEY_LATENT_H, Integer.toString(latentHeight), Integer.toString(found.latentHeight));
        differ(file, KEY_LATENT_W, Integer.toString(latentWidth), Integer.toString(found.latentWidth));
    }

    private static void differ(Path file, String key, String expected, String found) {
        if (!expected.equals(found)) {
            throw new BadInputException(file + ": token cache was made by another tokenizer: " + key + " is '" + found
                    + "', expected '" + expected + "'; delete the cache (or run tokenize with --force) to re-encode");
        }
    }

    private static String require(Map<String, String> metadata, String key, Path file) {
        String v = metadata.get(key);
        if (v == null) {
            throw new BadInputException(file + ": schema metadata has no " + key + " (expected a TECO token cache, found keys "
                    + metadata.keySet() + ")");
        }
        return v;
    }

    private static int positive(Map<String, String> metadata, String key, Path file) {
        String v = require(metadata, key, file);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value found.
        }
        throw new BadInputException(file + ": schema metadata " + key + " is '" + v + "', expected a positive integer");
    }
}
