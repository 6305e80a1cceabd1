package io.newsflow.enrich.places;

import io.newsflow.core.article.GeoPoint;
import io.newsflow.core.article.Place;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlaceFinderTest {

    private static final PlaceFinder finder = new PlaceFinder(Gazetteer.bundled());

    private static List<Place> find(String title, String text) {
        return finder.find(title, text, List.of());
    }

    @Test
    void countriesAndCitiesResolveToIsoCodesAndCoordinates() {
        List<Place> places = find("Talks in Geneva", "Delegations of Ukraine and Russia met in Geneva.");
        assertThat(places).extracting(Place::name, Place::kind, Place::countryCode)
                .containsExactly(tuple("Geneva", Place.Kind.CITY, "CH"), tuple("Ukraine", Place.Kind.COUNTRY, "UA"),
                        tuple("Russia", Place.Kind.COUNTRY, "RU"));
        Place geneva = places.getFirst();
        assertThat(geneva.location()).isEqualTo(new GeoPoint(46.20222, 6.14569));
        assertThat(geneva.geonameId()).isEqualTo(2660646L);
        assertThat(geneva.mentions()).isEqualTo(2);
    }

    @Test
    void russianAndUkrainianNamesMatchInTheirInflectedForms() {
        assertThat(find(null, "В Киеве прошли переговоры. Делегация России прибыла из Москвы; Украина и Россия обменялись пленными."))
                .extracting(Place::name, Place::matched, Place::mentions)
                .containsExactlyInAnyOrder(tuple("Kyiv", "Киеве", 1), tuple("Russia", "России", 2), tuple("Moscow", "Москвы", 1),
                        tuple("Ukraine", "Украина", 1));
        assertThat(find(null, "У Києві відбулися переговори. Делегація Росії прибула з Москви до України."))
                .extracting(Place::name)
                .containsExactlyInAnyOrder("Kyiv", "Russia", "Moscow", "Ukraine");
    }

    @Test
    void curatedRegionsHaveTheirOwnEntriesAndCoordinates() {
        List<Place> places = find(null, "Shelling continued in Crimea, the Donbas and the Kherson region. Бои в Донбассе и Крыму.");
        assertThat(places).extracting(Place::name, Place::kind, Place::countryCode, Place::mentions)
                .containsExactlyInAnyOrder(tuple("Crimea", Place.Kind.REGION, "UA", 2), tuple("Donbas", Place.Kind.REGION, "UA", 2),
                        tuple("Kherson Oblast", Place.Kind.REGION, "UA", 1));
        assertThat(places).filteredOn(p -> p.name().equals("Crimea")).singleElement()
                .extracting(Place::wikidataId, Place::geonameId).containsExactly("Q7835", null);
    }

    @Test
    void anAmbiguousCityNameGoesToTheOneInACountryTheArticleMentions() {
        // cities.json has three Córdobas; the Argentinian one is the most populous.
        assertThat(find(null, "Floods hit Córdoba in Spain.")).extracting(Place::name, Place::countryCode)
                .contains(tuple("Córdoba", "ES"));
        assertThat(find(null, "Floods hit Córdoba.")).extracting(Place::countryCode).containsExactly("AR");
    }

    @Test
    void commonWordsThatAreAlsoCityNamesAreNotPlaces() {
        assertThat(find(null, "Reading the report, Nice people said the Mobile phone was orange.")).isEmpty();
        assertThat(find(null, "ukraine in lowercase is no name.")).isEmpty();
    }

    @Test
    void namesOfOutletsAndPeopleAreNoPlaces() {
        String text = "The Kyiv Independent reported that Kyiv was calm.";
        int outletEnd = "The Kyiv Independent".length();
        assertThat(finder.find(null, text, List.of(new PlaceFinder.Span(false, 4, outletEnd))))
                .extracting(Place::name, Place::mentions).containsExactly(tuple("Kyiv", 1));
    }

    @Test
    void placesInTheTitleTheLeadOrRepeatedAreSalientAndComeFirst() {
        List<Place> places = find("Poland closes border", "Officials announced the decision on Monday.\n"
                + "Trucks from Lithuania waited. Latvia protested. Later Latvia and Latvia again.\nFinland stayed quiet.");
        assertThat(places).extracting(Place::name, Place::salient)
                .containsExactly(tuple("Latvia", true), tuple("Poland", true), tuple("Lithuania", false), tuple("Finland", false));
    }
}
