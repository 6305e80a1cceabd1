package io.newsflow.enrich.topics;

import java.util.List;

/**
 * One topic of the taxonomy.
 *
 * @param code   IPTC Media Topic code ("medtop:20000056")
 * @param label  its English label ("armed conflict")
 * @param parent the broader topic's code, or null for a top-level topic
 * @param terms  the words and phrases that count as evidence for it ("ceasefire", "negotiat*")
 */
public record Topic(String code, String label, String parent, List<String> terms) {

    public Topic {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }
}
