package io.newsflow.enrich.story;

import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.Story;
import io.newsflow.enrich.EnrichService;
import io.newsflow.enrich.Enricher;
import io.newsflow.enrich.attribution.PublisherRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.newsflow.enrich.TestArticles.edited;
import static io.newsflow.enrich.TestArticles.raw;
import static org.assertj.core.api.Assertions.assertThat;

class StoryClustersTest {

    private static final String ENGLISH = "Grain ships left the port of Odesa on Tuesday under a new corridor agreement, the first "
            + "convoy since the summer. Insurers agreed to cover the voyages after the navy promised escorts. Traders said "
            + "prices fell on the news, while farmers warned that storage remained short before the harvest.";
    private static final String RUSSIAN = "Зерновые суда вышли из порта Одессы во вторник по новому соглашению о коридоре, это первый "
            + "конвой с лета. Страховщики согласились покрыть рейсы после того, как флот пообещал сопровождение. Трейдеры "
            + "отметили падение цен, а фермеры предупредили, что хранилищ по-прежнему не хватает перед сбором урожая.";
    private static final String UKRAINIAN = "Судна із зерном вийшли з порту Одеси у вівторок за новою угодою про коридор, це перший "
            + "конвой від літа. Страховики погодилися покрити рейси після того, як флот пообіцяв супровід. Трейдери "
            + "відзначили падіння цін, а фермери попередили, що сховищ досі бракує перед збором врожаю.";

    private final Enricher enricher = EnrichService.enricher(PublisherRegistry.bundled(),
            Clock.fixed(Instant.parse("2024-11-21T12:00:00Z"), ZoneOffset.UTC));
    private final StoryClusters clusters = new StoryClusters();
    private final MapStoryStore store = new MapStoryStore();

    private Story story(RawArticle article) {
        return clusters.assign(enricher.enrich(article), store).story();
    }

    @Test
    void theFirstCopyIsTheOriginAndReEditedCopiesFromOtherPublishersJoinItsStory() {
        RawArticle origin = raw("https://www.reuters.com/world/grain-ships", "Grain ships leave Odesa", ENGLISH, "2024-11-21T08:00:00Z");
        RawArticle copy = raw("https://www.theguardian.com/world/grain", "Grain ships leave Odesa port",
                edited(ENGLISH, "on Tuesday", "on Tuesday morning", "Traders said", "Traders noted"), "2024-11-21T09:30:00Z");
        RawArticle third = raw("https://www.bbc.com/news/grain", "Grain ships leave Odesa", ENGLISH, "2024-11-21T10:00:00Z");

        assertThat(story(origin)).isEqualTo(new Story(origin.id(), true, List.of()));
        assertThat(story(copy)).isEqualTo(new Story(origin.id(), false, List.of("Reuters")));
        assertThat(story(third)).isEqualTo(new Story(origin.id(), false, List.of("Reuters", "The Guardian")));
    }

    @Test
    void russianAndUkrainianCopiesClusterByTheirOwnLanguage() {
        RawArticle tass = raw("https://tass.ru/economy/1", "Суда с зерном вышли из Одессы", RUSSIAN, "2024-11-21T08:00:00Z");
        RawArticle interfax = raw("https://www.interfax.ru/business/2", "Суда с зерном вышли из Одессы",
                edited(RUSSIAN, "во вторник", "утром во вторник"), "2024-11-21T08:20:00Z");
        RawArticle ukrinform = raw("https://www.ukrinform.ua/rubric-economy/3", "Судна із зерном вийшли з Одеси", UKRAINIAN,
                "2024-11-21T08:10:00Z");
        RawArticle unian = raw("https://www.unian.ua/economics/4", "Судна із зерном вийшли з Одеси",
                edited(UKRAINIAN, "у вівторок", "вранці у вівторок"), "2024-11-21T08:40:00Z");

        assertThat(story(tass).origin()).isTrue();
        assertThat(story(ukrinform)).as("another language is another text").extracting(Story::storyId).isEqualTo(ukrinform.id());
        assertThat(story(interfax)).isEqualTo(new Story(tass.id(), false, List.of("TASS")));
        assertThat(story(unian)).isEqualTo(new Story(ukrinform.id(), false, List.of("Ukrinform")));
    }

    @Test
    void anUnrelatedArticleIsAStoryOfItsOwn() {
        story(raw("https://www.reuters.com/world/grain-ships", "Grain ships leave Odesa", ENGLISH, "2024-11-21T08:00:00Z"));
        RawArticle other = raw("https://www.bbc.com/sport/1", "Cup final", "The home side won the cup final on penalties after a "
                + "goalless draw, and their captain lifted the trophy in front of a crowd of sixty thousand fans.", "2024-11-21T09:00:00Z");

        assertThat(story(other)).isEqualTo(new Story(other.id(), true, List.of()));
    }

    @Test
    void aCopyPublishedOutsideTheWindowStartsANewStory() {
        story(raw("https://www.reuters.com/world/grain-ships", "Grain ships leave Odesa", ENGLISH, "2024-11-21T08:00:00Z"));
        RawArticle late = raw("https://www.bbc.com/news/grain", "Grain ships leave Odesa", ENGLISH, "2024-11-25T08:00:00Z");

        assertThat(story(late).storyId()).isEqualTo(late.id());
    }

    @Test
    void anArticleSeenAgainKeepsItsStory() {
        RawArticle origin = raw("https://www.reuters.com/world/grain-ships", "Grain ships leave Odesa", ENGLISH, "2024-11-21T08:00:00Z");
        RawArticle copy = raw("https://www.bbc.com/news/grain", "Grain ships leave Odesa", ENGLISH, "2024-11-21T09:00:00Z");
        story(origin);
        story(copy);

        assertThat(story(copy)).isEqualTo(new Story(origin.id(), false, List.of("Reuters")));
        assertThat(story(origin)).isEqualTo(new Story(origin.id(), true, List.of("BBC")));
    }

    @Test
    void anArticleTooShortToCompareIsAStoryOfItsOwn() {
        story(raw("https://www.reuters.com/world/1", "Breaking", "Explosions heard in Kyiv.", "2024-11-21T08:00:00Z"));
        RawArticle same = raw("https://www.bbc.com/news/2", "Breaking", "Explosions heard in Kyiv.", "2024-11-21T08:01:00Z");

        assertThat(story(same).storyId()).isEqualTo(same.id());
    }

    @Test
    void purgeDropsTheStateOfArticlesOlderThanTheWindow() {
        RawArticle origin = raw("https://www.reuters.com/world/grain-ships", "Grain ships leave Odesa", ENGLISH, "2024-11-21T08:00:00Z");
        story(origin);
        clusters.purge(store, Instant.parse("2024-11-23T08:00:00Z"));
        List<String> kept = keys();
        clusters.purge(store, Instant.parse("2024-11-25T08:00:01Z"));

        assertThat(kept).isNotEmpty();
        assertThat(keys()).isEmpty();
    }

    @Test
    void identicalCopiesJoinTheStoryWithoutBeingIndexedThemselves() {
        RawArticle origin = raw("https://www.reuters.com/world/grain-ships", "Grain ships leave Odesa", ENGLISH, "2024-11-21T08:00:00Z");
        story(origin);
        for (int i = 0; i < 5; i++) {
            RawArticle copy = raw("https://site" + i + ".example.com/grain", "Grain ships leave Odesa", ENGLISH, "2024-11-21T09:00:00Z");
            assertThat(story(copy).storyId()).isEqualTo(origin.id());
        }

        assertThat(keys()).filteredOn(key -> key.startsWith("signature:")).containsExactly("signature:" + origin.id());
    }

    private List<String> keys() {
        java.util.List<String> keys = new java.util.ArrayList<>();
        store.forEach((key, value) -> keys.add(key));
        return keys;
    }
}
