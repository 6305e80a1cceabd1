package io.newsflow.enrich.places;

import io.newsflow.core.article.Place;
import io.newsflow.enrich.entities.NameIndex;
import io.newsflow.enrich.entities.Salience;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the places an article mentions and resolves them against the {@link Gazetteer}. A name that stands for
 * several places ("Cambridge") goes to the one in a country the article mentions, else to the preferred one
 * (curated, country, region, then the most populous city). Mentions inside the name of an outlet or organisation
 * ("Kyiv Independent", "Washington Post") are not places: the caller passes those spans.
 */
public final class PlaceFinder {

    /** A span of the title ({@code inTitle}) or the text that is no place. */
    public record Span(boolean inTitle, int start, int end) {
    }

    private final NameIndex<Gazetteer.Entry> names;

    public PlaceFinder(Gazetteer gazetteer) {
        this.names = new NameIndex<>(gazetteer.entriesByForm());
    }

    private static final class Tally {
        final Gazetteer.Entry entry;
        String matched;
        int mentions;
        boolean inTitle;
        int firstInText = -1;
        int firstAt = Integer.MAX_VALUE;

        Tally(Gazetteer.Entry entry) {
            this.entry = entry;
        }
    }

    private record Found(NameIndex.Mention<Gazetteer.Entry> mention, boolean inTitle) {
    }

    /** The places of an article, salient first, then the most mentioned, then in reading order. */
    public List<Place> find(String title, String text, List<Span> notPlaces) {
        String safeTitle = title == null ? "" : title;
        String safeText = text == null ? "" : text;
        List<Found> found = new ArrayList<>();
        names.find(safeTitle).forEach(m -> found.add(new Found(m, true)));
        names.find(safeText).forEach(m -> found.add(new Found(m, false)));
        found.removeIf(f -> notPlaces.stream().anyMatch(span -> span.inTitle() == f.inTitle()
                && span.start() <= f.mention().start() && f.mention().end() <= span.end()));

        Set<String> countries = new HashSet<>();
        for (Found f : found) {
            List<Gazetteer.Entry> candidates = f.mention().candidates();
            if (candidates.size() == 1 || candidates.getFirst().kind() == Place.Kind.COUNTRY) {
                countries.add(candidates.getFirst().countryCode());
            }
        }
        Map<Gazetteer.Entry, Tally> tallies = new LinkedHashMap<>();
        int leadEnd = Salience.leadEnd(safeText);
        for (Found f : found) {
            Gazetteer.Entry entry = resolve(f.mention().candidates(), countries);
            Tally tally = tallies.computeIfAbsent(entry, Tally::new);
            int at = f.inTitle() ? f.mention().start() - safeTitle.length() - 1 : f.mention().start();
            if (at < tally.firstAt) {
                tally.firstAt = at;
                tally.matched = f.mention().written();
            }
            tally.mentions++;
            tally.inTitle |= f.inTitle();
            if (!f.inTitle() && tally.firstInText < 0) {
                tally.firstInText = f.mention().start();
            }
        }
        return tallies.values().stream()
                .map(t -> new Place(t.entry.name(), t.matched, t.entry.kind(), t.entry.countryCode(), t.entry.location(),
                        t.entry.geonameId(), t.entry.wikidataId(), t.mentions,
                        Salience.salient(t.inTitle, t.firstInText, leadEnd, t.mentions)))
                .sorted(Comparator.comparing((Place p) -> !p.salient()).thenComparing(Comparator.comparingInt(Place::mentions).reversed()))
                .toList();
    }

    private static Gazetteer.Entry resolve(List<Gazetteer.Entry> candidates, Set<String> countries) {
        Comparator<Gazetteer.Entry> preferred = Comparator
                .comparing((Gazetteer.Entry e) -> e.kind() == Place.Kind.CITY && !countries.contains(e.countryCode()))
                .thenComparingInt(Gazetteer.Entry::rank);
        return candidates.stream().min(preferred).orElseThrow();
    }
}
