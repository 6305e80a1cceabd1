package io.newsflow.enrich.attribution;

import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.CitedSource.Kind;
import io.newsflow.enrich.SeedArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CitedSourceFinderTest {

    private final CitedSourceFinder finder = new CitedSourceFinder(PublisherRegistry.bundled(), Organisations.bundled(), Persons.bundled());

    private List<CitedSource> find(String text) {
        List<CitedSource> sources = finder.find(text);
        sources.forEach(source -> {
            assertThat(text.substring(source.start(), source.end())).isEqualTo(source.text());
            assertThat(text).contains(source.sentence());
            assertThat(source.sentence()).contains(source.text());
        });
        return sources;
    }

    private CitedSource only(String text) {
        List<CitedSource> sources = find(text);
        assertThat(sources).as("sources in: " + text).hasSize(1);
        return sources.getFirst();
    }

    @Test
    void theSeedArticleCitesBloombergAnAnonymousNatoDiplomatAmericanMediaAndPutin() {
        String text = SeedArticle.file();
        List<CitedSource> sources = find(text);
        assertThat(sources).extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly(
                        tuple("Bloomberg", Kind.OUTLET, "Bloomberg", "reports"),
                        tuple("A high-ranking NATO diplomat", Kind.ANONYMOUS, "NATO", "speaking on condition of anonymity"),
                        tuple("American media", Kind.UNNAMED_MEDIA, null, "report"),
                        tuple("President Vladimir Putin", Kind.PERSON, "Vladimir Putin", "reaffirmed"));
        CitedSource bloomberg = sources.getFirst();
        assertThat(bloomberg.sentence()).isEqualTo("Member states of NATO are considering scenarios for resolving the "
                + "conflict in Ukraine, Bloomberg reports.");
        assertThat(bloomberg.start()).isEqualTo(text.indexOf("Bloomberg reports"));
        assertThat(bloomberg.end()).isEqualTo(bloomberg.start() + "Bloomberg".length());
    }

    @Test
    void theRepublicationDisclaimerCitesNobody() {
        String disclaimer = SeedArticle.file().lines()
                .filter(line -> line.startsWith("The editorial board")).findFirst().orElseThrow();
        assertThat(find(disclaimer)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "That said, the agreement remains fragile.",
            "The said agreement was signed in 2015.",
            "Needless to say, the result surprised everyone.",
            "He said the talks would continue.",
            "Fighting was reported in the east.",
            "The reports were not confirmed.",
            "Member states are considering scenarios for resolving the conflict.",
            "Ukraine’s claims were rejected.",
            "Material was taken from other sources."})
    void sentencesWithoutAnAttributionCiteNobody(String sentence) {
        assertThat(find(sentence)).isEmpty();
    }

    @Test
    void sourceBeforeTheVerb() {
        CitedSource source = only("The Kremlin said the proposal was unacceptable.");
        assertThat(source).extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("The Kremlin", Kind.ORGANISATION, "Kremlin", "said");
    }

    @Test
    void sourceWithAuxiliaryAndAdverbBeforeTheVerb() {
        CitedSource source = only("Russian Foreign Minister Sergei Lavrov has repeatedly told reporters that Moscow was open to talks.");
        assertThat(source).extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("Russian Foreign Minister Sergei Lavrov", Kind.PERSON, "Sergei Lavrov", "told");
    }

    @Test
    void invertedSourceAfterACommaOrAQuote() {
        assertThat(only("\"We are ready for talks,\" said Kremlin spokesman Dmitry Peskov."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("Kremlin spokesman Dmitry Peskov", Kind.PERSON, "Dmitry Peskov", "said");
        assertThat(only("The talks have stalled, said a senior U.S. official."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity)
                .containsExactly("a senior U.S. official", Kind.ANONYMOUS, "United States");
    }

    @Test
    void invertedSourceBeforeTheVerbAtTheEndOfTheSentence() {
        assertThat(only("The deal is close, the Financial Times reported."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("the Financial Times", Kind.OUTLET, "Financial Times", "reported");
    }

    @Test
    void twoSourcesInOneSentence() {
        assertThat(find("Bloomberg reported Putin said the talks would resume."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly(tuple("Bloomberg", Kind.OUTLET, "reported"), tuple("Putin", Kind.PERSON, "said"));
    }

    @Test
    void aSurnameLinksToTheFullNameGivenElsewhere() {
        List<CitedSource> sources = find("Foreign Minister Andrii Sybiha visited the front.\n"
                + "\"We will not give up our land,\" Sybiha said.");
        assertThat(sources).extracting(CitedSource::text, CitedSource::kind, CitedSource::entity)
                .containsExactly(tuple("Sybiha", Kind.PERSON, "Andrii Sybiha"));
    }

    @Test
    void aPersonTheCuratedListKnowsLinksToTheirCanonicalNameInAnyLanguageAndCase() {
        assertThat(find("Zelensky said the front held. По словам Путина, ситуация сложная. За словами Зеленського, все гаразд."))
                .extracting(CitedSource::text, CitedSource::entity)
                .containsExactly(tuple("Zelensky", "Volodymyr Zelenskyy"), tuple("Путина", "Vladimir Putin"),
                        tuple("Зеленського", "Volodymyr Zelenskyy"));
    }

    @Test
    void aRoleWithTheDefiniteArticleIsThePersonTheTextNamesWithThatTitle() {
        assertThat(find("Mayor Vitali Klitschko opened the bridge.\nLater the mayor said it was closed again."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity)
                .containsExactly(tuple("the mayor", Kind.PERSON, "Vitali Klitschko"));
        // Named nowhere: a person known only by role, not an anonymous source.
        assertThat(find("The bank governor told reporters that rates would rise."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity)
                .containsExactly(tuple("The bank governor", Kind.PERSON, null));
    }

    @Test
    void peopleNamedByWhatTheyDoAreNotAnonymousSourcesButConcealedOnesAre() {
        assertThat(find("Economists said inflation would slow. Officials said the talks failed. Экономисты считают, что цены вырастут. "
                + "Аналітики вважають, що угода крихка."))
                .extracting(CitedSource::text, CitedSource::kind)
                .containsExactly(tuple("Economists", Kind.PERSON), tuple("Officials", Kind.ANONYMOUS),
                        tuple("Экономисты", Kind.PERSON), tuple("Аналітики", Kind.PERSON));
    }

    @Test
    void russianAndUkrainianRolesPutTheirModifiersAfterTheHead() {
        assertThat(find("Мэр города заявил, что мост закрыт. Мер міста заявив, що міст відкрито."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly(tuple("Мэр города", Kind.PERSON, "заявил"), tuple("Мер міста", Kind.PERSON, "заявив"));
    }

    @Test
    void aSourcePlacedOnlyByWhereItWorksIsAnonymous() {
        assertThat(find("Источник в правительстве сообщил, что переговоры продолжаются. Джерело в уряді повідомило, що все гаразд."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly(tuple("Источник в правительстве", Kind.ANONYMOUS, "сообщил"),
                        tuple("Джерело в уряді", Kind.ANONYMOUS, "повідомило"));
    }

    @Test
    void aParentheticalBetweenSourceAndVerbIsSkipped() {
        assertThat(only("The Russian Defence Ministry, in a statement on Telegram, said two villages were taken."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity)
                .containsExactly("The Russian Defence Ministry", Kind.ORGANISATION, "Russian Ministry of Defence");
    }

    @Test
    void accordingTo() {
        assertThat(only("According to Bloomberg, the talks stalled."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("Bloomberg", Kind.OUTLET, "Bloomberg", "According to");
        assertThat(only("According to a statement from the Kremlin, the meeting was productive."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity)
                .containsExactly("a statement from the Kremlin", Kind.DOCUMENT, "Kremlin");
    }

    @Test
    void citingAndAnonymousPhrases() {
        List<CitedSource> sources = find("Bloomberg reported, citing people familiar with the matter, that the deal was close.");
        assertThat(sources).extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly(
                        tuple("Bloomberg", Kind.OUTLET, "reported"),
                        tuple("people familiar with the matter", Kind.ANONYMOUS, "citing"));
    }

    @Test
    void anonymousSourcesStandingAlone() {
        assertThat(only("Sources close to the negotiations say the sides are far apart."))
                .extracting(CitedSource::text, CitedSource::kind)
                .containsExactly("Sources close to the negotiations", Kind.ANONYMOUS);
        assertThat(only("Two officials, who declined to be named, said the talks would resume."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly("Two officials", Kind.ANONYMOUS, "who declined to be named");
    }

    @Test
    void anonymityMakesANamedRoleAnonymous() {
        assertThat(only("A Western diplomat, speaking on condition of anonymity, said the plan had support."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly("A Western diplomat", Kind.ANONYMOUS, "speaking on condition of anonymity");
    }

    @Test
    void passiveWithBy() {
        assertThat(only("The report was later confirmed by the Pentagon."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("the Pentagon", Kind.ORGANISATION, "Pentagon", "confirmed");
    }

    @Test
    void unnamedMediaAndDocuments() {
        assertThat(only("Western media report that the summit was postponed."))
                .extracting(CitedSource::text, CitedSource::kind).containsExactly("Western media", Kind.UNNAMED_MEDIA);
        assertThat(only("The report said casualties were rising."))
                .extracting(CitedSource::text, CitedSource::kind).containsExactly("The report", Kind.DOCUMENT);
    }

    @Test
    void wireCreditsAtTheStartOfAParagraph() {
        String text = "KYIV, Nov 21 (Reuters) - Air defences were active overnight.\n"
                + "MOSCOW, November 21. /TASS/. Trains ran on time.";
        assertThat(find(text)).extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly(
                        tuple("Reuters", Kind.OUTLET, "Reuters", "(Reuters) -"),
                        tuple("TASS", Kind.OUTLET, "TASS", "/TASS/"));
        assertThat(find("Prices rose (Reuters) - a lot.\nThe band (Unknown Outlet) - played.")).isEmpty();
    }

    @Test
    void russianCues() {
        assertThat(only("Об этом сообщает Bloomberg."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly("Bloomberg", Kind.OUTLET, "сообщает");
        assertThat(only("По данным ТАСС, переговоры продолжатся."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("ТАСС", Kind.OUTLET, "TASS", "По данным");
        assertThat(only("Президент России Владимир Путин заявил, что Россия готова к переговорам."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("Президент России Владимир Путин", Kind.PERSON, "Vladimir Putin", "заявил");
        assertThat(only("По словам источника, решение уже принято."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::cue)
                .containsExactly("источника", Kind.ANONYMOUS, "По словам");
        assertThat(only("Американские СМИ сообщают, что план готов."))
                .extracting(CitedSource::text, CitedSource::kind).containsExactly("Американские СМИ", Kind.UNNAMED_MEDIA);
    }

    @Test
    void ukrainianCues() {
        assertThat(only("Про це повідомляє Укрінформ."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("Укрінформ", Kind.OUTLET, "Ukrinform", "повідомляє");
        assertThat(only("За даними УНІАН, обстріли тривають."))
                .extracting(CitedSource::text, CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly("УНІАН", Kind.OUTLET, "UNIAN", "За даними");
        assertThat(only("Президент України Володимир Зеленський заявив, що фронт стабільний."))
                .extracting(CitedSource::kind, CitedSource::entity, CitedSource::cue)
                .containsExactly(Kind.PERSON, "Volodymyr Zelenskyy", "заявив");
    }

    @Test
    void emptyTextCitesNobody() {
        assertThat(finder.find("")).isEmpty();
        assertThat(finder.find(null)).isEmpty();
    }

    @Test
    void a_pathological_text_yields_a_bounded_number_of_sources_with_bounded_sentences() {
        String text = "\"We will see,\" said a senior official, according to Reuters, citing sources, ".repeat(20_000);

        List<CitedSource> sources = finder.find(text);

        assertThat(sources).hasSize(CitedSourceFinder.MAX_CITED_SOURCES);
        assertThat(sources).allSatisfy(s -> assertThat(s.sentence().length()).isLessThanOrEqualTo(Sentences.MAX_SENTENCE_CHARS));
    }
}
