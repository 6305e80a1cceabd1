package io.newsflow.enrich.attribution;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsflow.core.json.Json;
import io.newsflow.enrich.entities.NameIndex;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * People the news names often (the bundled {@code persons.json}), with their Russian and Ukrainian forms and
 * Wikidata items: "По словам Путина" links to Vladimir Putin.
 */
public final class Persons {

    private static final String BUNDLED = "/persons.json";

    /** @param wikidataId its Wikidata item, or null */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String name, List<String> aliases, String wikidataId) {

        public Person {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record PersonFile(List<Person> persons) {
    }

    private final List<Person> all;
    private final NameIndex<Person> names;

    private Persons(List<Person> persons) {
        this.all = List.copyOf(persons);
        Map<String, List<Person>> forms = new HashMap<>();
        for (Person person : persons) {
            NameIndex.addForms(forms, List.of(person.name()), person);
            NameIndex.addForms(forms, person.aliases(), person);
        }
        this.names = new NameIndex<>(forms);
    }

    public static Persons bundled() {
        try (InputStream in = Persons.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the enrich-service jar: rebuild the module");
            }
            return new Persons(Json.mapper().readValue(in, PersonFile.class).persons());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    public List<Person> all() {
        return all;
    }

    /** The known person a name as written stands for ("Путина", "Putin"), when the whole name is theirs; or null. */
    Person named(String written) {
        List<NameIndex.Mention<Person>> found = names.find(written);
        return found.size() == 1 && found.getFirst().start() == 0 && found.getFirst().end() == written.length()
                ? found.getFirst().candidates().getFirst() : null;
    }
}
