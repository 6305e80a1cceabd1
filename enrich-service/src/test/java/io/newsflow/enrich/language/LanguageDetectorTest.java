package io.newsflow.enrich.language;

import io.newsflow.core.article.DetectedLanguage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

    private final LanguageDetector detector = LanguageDetector.bundled();

    @Test
    void englishRussianAndUkrainianNewsAreToldApart() {
        assertThat(detector.detect("Talks resume in Geneva",
                "The delegations met on Monday and said that the talks would continue after the holiday.", null))
                .extracting(DetectedLanguage::code, DetectedLanguage::source).containsExactly("en", DetectedLanguage.DETECTED);
        assertThat(detector.detect("Переговоры возобновились",
                "Делегации встретились в понедельник и заявили, что переговоры будут продолжены после праздников.", null).code())
                .isEqualTo("ru");
        assertThat(detector.detect("Переговори відновилися",
                "Делегації зустрілися в понеділок і заявили, що переговори будуть продовжені після свят.", null).code())
                .isEqualTo("uk");
    }

    @Test
    void ukrainianLettersTellUkrainianFromRussianWhenTheFunctionWordsAreShared() {
        // "в", "на", "не" are both languages' words; і is Ukrainian only, ы Russian only.
        assertThat(detector.detect(null, "Війна на сході не припиняється, а обстріли тривають у Харкові.", null).code())
                .isEqualTo("uk");
        assertThat(detector.detect(null, "Война на востоке не прекращается, а обстрелы продолжаются в Харькове и Сумах.", null).code())
                .isEqualTo("ru");
    }

    @Test
    void otherProfiledLanguagesAreDetectedToo() {
        assertThat(detector.detect(null, "Die Verhandlungen werden nach dem Treffen in Berlin mit den Vertretern der Regierung fortgesetzt.", null).code())
                .isEqualTo("de");
        assertThat(detector.detect(null, "Les négociations reprendront après la réunion avec les représentants du gouvernement.", null).code())
                .isEqualTo("fr");
    }

    @Test
    void aTextTooShortToTellFallsBackToTheDeclaredLanguageOrNone() {
        assertThat(detector.detect("Kyiv", "", "uk-UA"))
                .isEqualTo(new DetectedLanguage("uk", LanguageDetector.DECLARED_CONFIDENCE, DetectedLanguage.DECLARED));
        assertThat(detector.detect("Kyiv", null, null)).isNull();
    }

    @Test
    void theTextOverridesAWrongDeclaration() {
        assertThat(detector.detect(null, "The ministry said that the talks were over and that the delegation had left.", "ru").code())
                .isEqualTo("en");
    }

    @Test
    void confidenceIsTheBestLanguagesShareOfTheEvidence() {
        DetectedLanguage english = detector.detect(null, "The talks were held in the capital and the delegations said they would meet again.", null);
        assertThat(english.confidence()).isGreaterThan(LanguageDetector.MIN_CONFIDENCE).isLessThanOrEqualTo(1.0);
    }
}
