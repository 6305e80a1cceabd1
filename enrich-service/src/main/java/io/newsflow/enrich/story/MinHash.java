package io.newsflow.enrich.story;

import io.newsflow.enrich.entities.NameIndex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MinHash signatures of texts over their word shingles: the share of positions where two signatures agree estimates
 * the Jaccard similarity of the two texts' shingle sets, which stays high for a copy with a changed headline or a
 * re-worded sentence. Words are compared by {@link NameIndex#key} (lowercase, without diacritics, Russian and
 * Ukrainian endings dropped).
 */
final class MinHash {

    static final int SHINGLE_WORDS = 3;
    static final int SIZE = 64;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    private MinHash() {
    }

    /** The distinct shingles of {@code text}: each run of {@value #SHINGLE_WORDS} consecutive word keys. */
    static Set<String> shingles(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(NameIndex.key(m.group()));
        }
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + SHINGLE_WORDS <= words.size(); i++) {
            shingles.add(String.join(" ", words.subList(i, i + SHINGLE_WORDS)));
        }
        return shingles;
    }

    /** For each of {@value #SIZE} hash functions, the least hash of any shingle. */
    static long[] signature(Set<String> shingles) {
        long[] minimums = new long[SIZE];
        java.util.Arrays.fill(minimums, Long.MAX_VALUE);
        for (String shingle : shingles) {
            long base = fnv(shingle);
            for (int i = 0; i < SIZE; i++) {
                long h = mix(base + (i + 1) * 0x9e3779b97f4a7c15L);
                if (h < minimums[i]) {
                    minimums[i] = h;
                }
            }
        }
        return minimums;
    }

    /** The estimated Jaccard similarity of the texts of two signatures, 0 to 1. */
    static double similarity(long[] a, long[] b) {
        int equal = 0;
        for (int i = 0; i < SIZE; i++) {
            equal += a[i] == b[i] ? 1 : 0;
        }
        return equal / (double) SIZE;
    }

    private static long fnv(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (byte b : shingle.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A 64-bit finaliser, so that every bit of the result depends on every bit of the input. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
