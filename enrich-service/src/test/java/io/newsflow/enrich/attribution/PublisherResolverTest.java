package io.newsflow.enrich.attribution;

import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.InvalidRecordException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherResolverTest {

    private final PublisherResolver resolver = new PublisherResolver(PublisherRegistry.bundled());

    @Test
    void theRegistryAnswersByTheRegisteredDomainOfTheUrl() {
        PublisherInfo info = resolver.resolve(article("https://www.bloomberg.com/news/articles/2024-11-21/nato", "Some Feed Name", "Site"));
        assertThat(info).isEqualTo(new PublisherInfo("bloomberg", "Bloomberg", "bloomberg.com", "US", "wire", "registry"));
    }

    @Test
    void withoutARegistryEntryTheFeedPublisherNameAnswers() {
        assertThat(resolver.resolve(article("https://www.daily-example.org/a", "Daily Example", "Example Site")))
                .isEqualTo(new PublisherInfo("daily-example.org", "Daily Example", "daily-example.org", null, null, "feed"));
    }

    @Test
    void aFeedNameTheRegistryKnowsBringsTheRegistryFacts() {
        assertThat(resolver.resolve(article("http://127.0.0.1:8080/reuters/1.html", "Reuters", null)))
                .isEqualTo(new PublisherInfo("reuters", "Reuters", "127.0.0.1", "GB", "wire", "feed"));
    }

    @Test
    void thenTheSiteNameThenTheBareDomain() {
        assertThat(resolver.resolve(article("https://news.example.co.uk/a", null, "Example News")))
                .isEqualTo(new PublisherInfo("example.co.uk", "Example News", "example.co.uk", null, null, "site-name"));
        assertThat(resolver.resolve(article("https://news.example.co.uk/a", " ", null)))
                .isEqualTo(new PublisherInfo("example.co.uk", "example.co.uk", "example.co.uk", null, null, "domain"));
    }

    @Test
    void registeredDomainsFollowThePublicSuffixList() {
        assertThat(PublisherResolver.registeredDomain("edition.cnn.com")).isEqualTo("cnn.com");
        assertThat(PublisherResolver.registeredDomain("www.interfax.com.ua")).isEqualTo("interfax.com.ua");
        assertThat(PublisherResolver.registeredDomain("someone.github.io")).isEqualTo("someone.github.io");
        assertThat(PublisherResolver.registeredDomain("localhost")).isEqualTo("localhost");
    }

    @Test
    void anArticleWithoutAnHttpUrlIsAnInvalidRecord() {
        assertThatThrownBy(() -> resolver.resolve(article("ftp://example.org/a", null, null)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("ftp://example.org/a");
        assertThatThrownBy(() -> resolver.resolve(article("not a url", null, null)))
                .isInstanceOf(InvalidRecordException.class);
    }

    private static RawArticle article(String url, String feedPublisher, String siteName) {
        FeedRef feed = new FeedRef("feed-id", "https://feeds.example.org/rss", "Feed", feedPublisher);
        // A fixed id: some of these URLs have none (ArticleId refuses them), and the resolver does not read it.
        return new RawArticle(RawArticle.SCHEMA_VERSION, "0123456789abcdef0123456789abcdef", url, url, feed, "Title", "Text",
                null, List.of(), "en", siteName, null, null, null, Instant.parse("2024-11-21T08:05:00Z"));
    }
}
