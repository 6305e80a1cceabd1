package io.newsflow.enrich.attribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherRegistryTest {

    private final PublisherRegistry registry = PublisherRegistry.bundled();

    @Test
    void bundledRegistryKnowsTheWiresAndMajorOutletsWithDistinctDomains() {
        assertThat(registry.all()).hasSizeGreaterThanOrEqualTo(40);
        for (String id : new String[]{"reuters", "ap", "afp", "bloomberg", "tass", "ria-novosti", "interfax", "ukrinform",
                "unian", "dpa", "efe", "ansa", "xinhua", "kyodo", "bbc", "cnn", "nyt", "washington-post", "wsj",
                "guardian", "ft", "le-monde", "spiegel", "politico", "al-jazeera", "dw", "euronews", "kyiv-independent",
                "meduza"}) {
            assertThat(registry.byId(id)).as(id).isPresent();
        }
        Set<String> domains = new HashSet<>();
        registry.all().forEach(publisher -> {
            assertThat(publisher.domains()).as(publisher.id()).isNotEmpty();
            publisher.domains().forEach(domain -> assertThat(domains.add(domain)).as(domain + " listed twice").isTrue());
            assertThat(publisher.kind()).as(publisher.id())
                    .isIn("wire", "national", "regional", "broadcaster", "magazine", "aggregator");
        });
        assertThat(registry.byId("tass").orElseThrow().kind()).isEqualTo("wire");
        assertThat(registry.byId("bbc").orElseThrow().country()).isEqualTo("GB");
    }

    @Test
    void findsThePublisherOfAHostByTheHostThenItsParentDomains() {
        assertThat(registry.byHost("www.bloomberg.com")).map(Publisher::id).hasValue("bloomberg");
        assertThat(registry.byHost("news.bbc.co.uk")).map(Publisher::id).hasValue("bbc");
        assertThat(registry.byHost("abcnews.go.com")).map(Publisher::id).hasValue("abc-news");
        assertThat(registry.byHost("www.go.com")).isEmpty();
        assertThat(registry.byHost("example.org")).isEmpty();
    }

    @Test
    void findsAPublisherByNameOrAliasIgnoringCaseAndALeadingThe() {
        assertThat(registry.byName("new york times")).map(Publisher::id).hasValue("nyt");
        assertThat(registry.byName("The Associated Press")).map(Publisher::id).hasValue("ap");
        assertThat(registry.byName("ТАСС")).map(Publisher::id).hasValue("tass");
        assertThat(registry.byName("Unknown Gazette")).isEmpty();
    }

    @Test
    void anOperatorFileReplacesEntriesByIdAndAddsNewOnes(@TempDir Path dir) throws IOException {
        Path extra = dir.resolve("publishers.json");
        Files.writeString(extra, """
                {"publishers": [
                  {"id": "bloomberg", "name": "Bloomberg L.P.", "domains": ["bloomberg.com", "bloomberg.co.jp"], "kind": "wire"},
                  {"id": "kyiv-weekly", "name": "Kyiv Weekly", "domains": ["kyivweekly.example"], "country": "UA", "kind": "regional"}
                ]}""");
        PublisherRegistry merged = PublisherRegistry.withExtraFile(extra);
        assertThat(merged.byHost("www.bloomberg.co.jp")).map(Publisher::name).hasValue("Bloomberg L.P.");
        assertThat(merged.byHost("kyivweekly.example")).map(Publisher::kind).hasValue("regional");
        assertThat(merged.byId("reuters")).isPresent();
        assertThat(merged.all()).hasSize(registry.all().size() + 1);
    }

    @Test
    void aBrokenOperatorFileIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path extra = dir.resolve("broken.json");
        Files.writeString(extra, "{\"publishers\": [{\"id\": \"x\"}]}");
        assertThatThrownBy(() -> PublisherRegistry.withExtraFile(extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(extra.toString())
                .hasMessageContaining("needs an id and a name");
    }

    @Test
    void findsOutletNamesInRunningTextLongestFirstAndCaseSensitively() {
        assertThat(registry.findOutletIn("a Kyiv Independent reporter").entity()).isEqualTo("The Kyiv Independent");
        assertThat(registry.findOutletIn("the New York Times").entity()).isEqualTo("The New York Times");
        assertThat(registry.findOutletIn("AP")).isNotNull();
        assertThat(registry.findOutletIn("a map of the gap")).isNull();
        assertThat(registry.findOutletIn("Bloombergs")).isNull();
    }
}
