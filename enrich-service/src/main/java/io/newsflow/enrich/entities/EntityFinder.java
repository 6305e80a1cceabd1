package io.newsflow.enrich.entities;

import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.Entity;
import io.newsflow.core.article.Place;
import io.newsflow.enrich.attribution.Organisations;
import io.newsflow.enrich.attribution.Persons;
import io.newsflow.enrich.attribution.Publisher;
import io.newsflow.enrich.attribution.PublisherRegistry;
import io.newsflow.enrich.places.PlaceFinder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the people, organisations and outlets an article mentions: the curated organisations (organisations.json),
 * the outlets of the publisher registry, the curated people (persons.json) and the people the article cites by full
 * name ("Vladimir Putin said"), each counted over title and text (a cited person's surname alone counts too:
 * "Putin's conditions"). Places come from {@link PlaceFinder}; {@link #withPlaces} lists them as entities too.
 */
public final class EntityFinder {

    /** A known entity: canonical name, kind and Wikidata item. */
    record Known(String name, Entity.Kind kind, String wikidataId) {
    }

    /** What the finder found: the entities, and where their names are ("Vladimir Putin", "Kyiv Post": no places there). */
    public record Found(List<Entity> entities, List<PlaceFinder.Span> names) {
    }

    private final Map<String, List<Known>> curatedForms;
    private final NameIndex<Known> curated;

    public EntityFinder(PublisherRegistry registry, Organisations organisations, Persons persons) {
        Map<String, List<Known>> forms = new HashMap<>();
        for (Organisations.Organisation organisation : organisations.all()) {
            if (!organisation.isCountry()) {
                Known known = new Known(organisation.name(), Entity.Kind.ORGANISATION, organisation.wikidataId());
                NameIndex.addForms(forms, List.of(organisation.name()), known);
                NameIndex.addForms(forms, organisation.aliases(), known);
            }
        }
        for (Publisher publisher : registry.all()) {
            Known known = new Known(publisher.name(), Entity.Kind.OUTLET, publisher.wikidataId());
            NameIndex.addForms(forms, List.of(publisher.name()), known);
            NameIndex.addForms(forms, publisher.aliases(), known);
        }
        for (Persons.Person person : persons.all()) {
            Known known = new Known(person.name(), Entity.Kind.PERSON, person.wikidataId());
            NameIndex.addForms(forms, List.of(person.name()), known);
            NameIndex.addForms(forms, person.aliases(), known);
        }
        this.curatedForms = forms;
        this.curated = new NameIndex<>(forms);
    }

    private static final class Tally {
        final Known known;
        int mentions;
        boolean inTitle;
        int firstInText = -1;

        Tally(Known known) {
            this.known = known;
        }
    }

    /**
     * @param citedSources the article's cited sources: the people they name by full name are entities too
     */
    public Found find(String title, String text, List<CitedSource> citedSources) {
        String safeTitle = title == null ? "" : title;
        String safeText = text == null ? "" : text;
        NameIndex<Known> index = withCitedPeople(citedSources);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        List<PlaceFinder.Span> names = new ArrayList<>();
        for (boolean inTitle : new boolean[]{true, false}) {
            for (NameIndex.Mention<Known> mention : index.find(inTitle ? safeTitle : safeText)) {
                Known known = mention.candidates().getFirst();
                Tally tally = tallies.computeIfAbsent(known.name(), n -> new Tally(known));
                tally.mentions++;
                tally.inTitle |= inTitle;
                if (!inTitle && tally.firstInText < 0) {
                    tally.firstInText = mention.start();
                }
                names.add(new PlaceFinder.Span(inTitle, mention.start(), mention.end()));
            }
        }
        int leadEnd = Salience.leadEnd(safeText);
        List<Entity> entities = new ArrayList<>();
        tallies.values().forEach(t -> entities.add(new Entity(t.known.name(), t.known.kind(), t.known.wikidataId(),
                t.mentions, Salience.salient(t.inTitle, t.firstInText, leadEnd, t.mentions))));
        return new Found(List.copyOf(entities), List.copyOf(names));
    }

    /** People, organisations and outlets with the places, as entities of kind PLACE: salient first, then the most mentioned. */
    public static List<Entity> withPlaces(List<Entity> entities, List<Place> places) {
        List<Entity> all = new ArrayList<>(entities);
        places.forEach(p -> all.add(new Entity(p.name(), Entity.Kind.PLACE, p.wikidataId(), p.mentions(), p.salient())));
        all.sort(Comparator.comparing((Entity e) -> !e.salient()).thenComparing(Comparator.comparingInt(Entity::mentions).reversed()));
        return List.copyOf(all);
    }

    /** The curated names plus the people this article cites by full name, and their surnames. */
    private NameIndex<Known> withCitedPeople(List<CitedSource> citedSources) {
        Map<String, List<Known>> forms = null;
        for (CitedSource source : citedSources) {
            String name = source.entity();
            if (source.kind() != CitedSource.Kind.PERSON || name == null || !name.contains(" ") || curatedForms.containsKey(name)) {
                continue;
            }
            if (forms == null) {
                forms = new HashMap<>(curatedForms);
            }
            Known known = new Known(name, Entity.Kind.PERSON, null);
            forms.putIfAbsent(name, List.of(known));
            forms.putIfAbsent(name.substring(name.lastIndexOf(' ') + 1), List.of(known));
        }
        return forms == null ? curated : new NameIndex<>(forms);
    }
}
