package io.newsflow.enrich.entities;

import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.Entity;
import io.newsflow.core.article.GeoPoint;
import io.newsflow.core.article.Place;
import io.newsflow.enrich.attribution.Organisations;
import io.newsflow.enrich.attribution.Persons;
import io.newsflow.enrich.attribution.PublisherRegistry;
import io.newsflow.enrich.places.PlaceFinder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EntityFinderTest {

    private final EntityFinder finder = new EntityFinder(PublisherRegistry.bundled(), Organisations.bundled(), Persons.bundled());

    @Test
    void organisationsOutletsAndPeopleAreFoundWithWikidataIdsAndCounted() {
        EntityFinder.Found found = finder.find("NATO weighs new plan",
                "Reuters reported that NATO and the EU discussed the plan.\nPutin rejected it. Путин назвал план провокацией. "
                        + "НАТО не ответило.", List.of());
        assertThat(found.entities()).extracting(Entity::name, Entity::kind, Entity::wikidataId, Entity::mentions)
                .containsExactlyInAnyOrder(
                        tuple("NATO", Entity.Kind.ORGANISATION, "Q7184", 3),
                        tuple("Reuters", Entity.Kind.OUTLET, "Q130879", 1),
                        tuple("European Union", Entity.Kind.ORGANISATION, "Q458", 1),
                        tuple("Vladimir Putin", Entity.Kind.PERSON, "Q7747", 2));
    }

    @Test
    void aCountryNamedForItsGovernmentIsNoOrganisation() {
        assertThat(finder.find(null, "Moscow said it would respond. Washington disagreed.", List.of()).entities()).isEmpty();
    }

    @Test
    void aPersonCitedByFullNameIsAnEntityAndTheirSurnameCounts() {
        String text = "Foreign Minister Andrii Sybiha said talks were possible. Sybiha later left.";
        CitedSource cited = new CitedSource("Foreign Minister Andrii Sybiha", CitedSource.Kind.PERSON, "Andrii Sybiha", "said",
                "Foreign Minister Andrii Sybiha said talks were possible.", 0, 30);
        assertThat(finder.find(null, text, List.of(cited)).entities())
                .extracting(Entity::name, Entity::kind, Entity::mentions).containsExactly(tuple("Andrii Sybiha", Entity.Kind.PERSON, 2));
    }

    @Test
    void theNamesFoundAreSpansWherePlacesAreNotLookedFor() {
        EntityFinder.Found found = finder.find(null, "The Kyiv Independent reported it.", List.of());
        assertThat(found.names()).containsExactly(new PlaceFinder.Span(false, 0, 20));
    }

    @Test
    void salientEntitiesComeFirstAndPlacesAreListedAsEntities() {
        EntityFinder.Found found = finder.find("Macron visits", "The visit was short.\nLater the IMF and the IMF and the IMF "
                + "commented. The OSCE did not.", List.of());
        List<Place> places = List.of(new Place("Kyiv", "Kyiv", Place.Kind.CITY, "UA", new GeoPoint(50.45466, 30.5238), 703448L,
                "Q1899", 1, false));
        assertThat(EntityFinder.withPlaces(found.entities(), places)).extracting(Entity::name, Entity::kind, Entity::salient)
                .containsExactly(tuple("International Monetary Fund", Entity.Kind.ORGANISATION, true),
                        tuple("Emmanuel Macron", Entity.Kind.PERSON, true),
                        tuple("OSCE", Entity.Kind.ORGANISATION, false), tuple("Kyiv", Entity.Kind.PLACE, false));
    }
}
