package io.newsflow.enrich.attribution;

import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.Syndication;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyndicationDetectorTest {

    private static final PublisherRegistry REGISTRY = PublisherRegistry.bundled();
    private static final PublisherInfo EXAMPLE = new PublisherInfo("example.com", "example.com", "example.com", null, null, "domain");
    private static final PublisherInfo BLOOMBERG = new PublisherInfo("bloomberg", "Bloomberg", "bloomberg.com", "US", "wire", "registry");

    private final SyndicationDetector detector = new SyndicationDetector(REGISTRY);
    private final CitedSourceFinder finder = new CitedSourceFinder(REGISTRY, Organisations.bundled(), Persons.bundled());

    private Syndication detect(String text, PublisherInfo publisher) {
        return detector.detect(text, Sentences.split(text), finder.find(text), publisher);
    }

    @Test
    void aStoryWhoseLeadRestsOnAnotherOutletReReportsIt() {
        assertThat(detect("Allies are weighing a buffer zone, Bloomberg reports. The plan has critics.", EXAMPLE))
                .isEqualTo(Syndication.of("Bloomberg", "Q14270642", null));
        assertThat(detect("Как сообщает ТАСС, встреча состоится в понедельник.", EXAMPLE).originalSource()).isEqualTo("TASS");
        assertThat(detect("Про це повідомляє Укрінформ. Подробиці згодом.", EXAMPLE).originalSource()).isEqualTo("Ukrinform");
    }

    @Test
    void anOutletCitedOnlyDeepInTheTextIsNoOriginalSource() {
        assertThat(detect("Ministers met on Monday. They talked for hours. Nothing was agreed. Later, Reuters reported a leak.", EXAMPLE)
                .republished()).isFalse();
    }

    @Test
    void anOutletIsNeverTheOriginalSourceOfItsOwnStory() {
        assertThat(detect("Allies are weighing a buffer zone, Bloomberg reports.", BLOOMBERG).republished()).isFalse();
    }

    @Test
    void wireCreditsAndExplicitCreditsNameTheOriginalSource() {
        assertThat(detect("KYIV, Nov 21 (Reuters) - Ukraine said on Thursday it would talk.", EXAMPLE).originalSource())
                .isEqualTo("Reuters");
        assertThat(detect("Ministers met on Monday.\nThis article was originally published by The Guardian.", EXAMPLE).originalSource())
                .isEqualTo("The Guardian");
        assertThat(detect("Министры встретились в понедельник.\nПо материалам РИА Новости.", EXAMPLE).originalSource())
                .isEqualTo("RIA Novosti");
        assertThat(detect("Міністри зустрілися в понеділок.\nЗа матеріалами Інтерфакс-Україна.", EXAMPLE).originalSource())
                .isEqualTo("Interfax-Ukraine");
    }

    @Test
    void republicationDisclaimersAreFoundInEnglishRussianAndUkrainian() {
        String english = "The publisher is not responsible for the content of materials taken from other sources.";
        String russian = "Редакция не несет ответственности за содержание материалов, взятых из других источников.";
        String ukrainian = "Редакція не несе відповідальності за зміст матеріалів, отриманих з інших джерел.";
        assertThat(detect("Ministers met on Monday. " + english + " Read more.", EXAMPLE))
                .isEqualTo(Syndication.of(null, null, english));
        assertThat(detect("Министры встретились.\n" + russian, EXAMPLE).disclaimer()).isEqualTo(russian);
        assertThat(detect("Міністри зустрілися.\n" + ukrainian, EXAMPLE).disclaimer()).isEqualTo(ukrainian);
        assertThat(detect("Мнение редакции может не совпадать с мнением автора.", EXAMPLE).disclaimer()).isNotNull();
        assertThat(detect("Ministers said they were not responsible for the delay.", EXAMPLE).disclaimer()).isNull();
    }

    @Test
    void anArticleWithoutTextIsNeither() {
        assertThat(detector.detect(null, java.util.List.of(), java.util.List.of(), EXAMPLE)).isEqualTo(Syndication.NONE);
    }
}
