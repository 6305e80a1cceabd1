package io.newsflow.enrich.places;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsflow.core.article.GeoPoint;
import io.newsflow.core.article.Place;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The places enrichment knows (bundled {@code gazetteer/}): countries with their English, Russian and Ukrainian
 * names, cities of 100,000 people or more (GeoNames), and the curated additions of {@code places-curated.json}:
 * Russian and Ukrainian city names, regions the news names (Crimea, Donbas, the oblasts), small cities often in the
 * news, Wikidata ids, and names never taken as places ("Reading", "Mobile").
 */
public final class Gazetteer {

    /**
     * One known place.
     *
     * @param rank lower is preferred when a name stands for several places: curated before countries before
     *             regions before cities, bigger cities before smaller ones
     */
    public record Entry(String name, Place.Kind kind, String countryCode, GeoPoint location, Long geonameId,
                        String wikidataId, int rank) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CountryRow(String code, String name, List<String> names, double lat, double lon) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CityRow(long id, String name, String country, double lat, double lon, long population) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CountryFile(List<CountryRow> countries) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CityFile(List<CityRow> cities) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CuratedCountry(String code, String name, String wikidataId, List<String> aliases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CuratedCity(long id, String name, String wikidataId, List<String> aliases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CuratedPlace(String name, String country, double lat, double lon, String wikidataId, List<String> aliases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CuratedFile(List<CuratedCountry> countries, List<CuratedCity> cities, List<CuratedPlace> regions,
                               List<CuratedPlace> smallCities, List<String> ignored) {
    }

    private static final int CURATED = 0;
    private static final int COUNTRY = 1;
    private static final int REGION = 2;
    private static final int CITY = 3;

    private final Map<String, List<Entry>> entriesByForm;

    private Gazetteer(Map<String, List<Entry>> entriesByForm) {
        this.entriesByForm = entriesByForm;
    }

    public static Gazetteer bundled() {
        CountryFile countries = read("countries.json", CountryFile.class);
        CityFile cities = read("cities.json", CityFile.class);
        CuratedFile curated = read("places-curated.json", CuratedFile.class);
        Map<String, CuratedCountry> curatedCountries = new HashMap<>();
        curated.countries().forEach(c -> curatedCountries.put(c.code(), c));
        Map<Long, CuratedCity> curatedCities = new HashMap<>();
        curated.cities().forEach(c -> curatedCities.put(c.id(), c));

        Map<String, List<Entry>> generic = new LinkedHashMap<>();
        Map<String, List<Entry>> preferred = new LinkedHashMap<>();
        for (CountryRow row : countries.countries()) {
            CuratedCountry extra = curatedCountries.get(row.code());
            Entry entry = new Entry(extra != null && extra.name() != null ? extra.name() : row.name(), Place.Kind.COUNTRY,
                    row.code(), new GeoPoint(row.lat(), row.lon()), null, extra == null ? null : extra.wikidataId(), COUNTRY);
            add(generic, row.names(), entry);
            add(generic, List.of(entry.name()), entry);
            if (extra != null) {
                add(preferred, extra.aliases(), entry);
            }
        }
        int rank = CITY;
        for (CityRow row : cities.cities()) {
            CuratedCity extra = curatedCities.get(row.id());
            // Most populous first in the file: a later city of the same name ranks below an earlier one.
            Entry entry = new Entry(extra != null ? extra.name() : row.name(), Place.Kind.CITY, row.country(),
                    new GeoPoint(row.lat(), row.lon()), row.id(), extra == null ? null : extra.wikidataId(), rank++);
            add(generic, List.of(row.name()), entry);
            if (extra != null) {
                add(preferred, extra.aliases(), entry);
                add(preferred, List.of(extra.name()), entry);
            }
        }
        for (CuratedPlace region : curated.regions()) {
            Entry entry = new Entry(region.name(), Place.Kind.REGION, region.country(),
                    new GeoPoint(region.lat(), region.lon()), null, region.wikidataId(), REGION);
            add(preferred, region.aliases(), entry);
            add(preferred, List.of(region.name()), entry);
        }
        for (CuratedPlace city : curated.smallCities()) {
            Entry entry = new Entry(city.name(), Place.Kind.CITY, city.country(), new GeoPoint(city.lat(), city.lon()),
                    null, city.wikidataId(), CURATED);
            add(preferred, city.aliases(), entry);
            add(preferred, List.of(city.name()), entry);
        }
        Set<String> ignored = new HashSet<>(curated.ignored());
        Map<String, List<Entry>> byForm = new HashMap<>();
        generic.forEach((form, entries) -> {
            if (!ignored.contains(form)) {
                byForm.put(form, entries);
            }
        });
        // A curated form wins over the same form in the GeoNames files.
        byForm.putAll(preferred);
        return new Gazetteer(byForm);
    }

    /** Every known form of every place and the places it may stand for, preferred first. */
    public Map<String, List<Entry>> entriesByForm() {
        return entriesByForm;
    }

    private static void add(Map<String, List<Entry>> into, List<String> forms, Entry entry) {
        for (String form : forms) {
            List<Entry> entries = into.computeIfAbsent(form, f -> new ArrayList<>());
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
    }

    private static <T> T read(String file, Class<T> type) {
        String resource = "/gazetteer/" + file;
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the enrich-service jar: rebuild the module");
            }
            return Json.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + resource + ": " + e.getMessage(), e);
        }
    }
}
