package io.newsflow.enrich.attribution;

import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.Syndication;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether an article re-reports another outlet's story, and finds its republication disclaimer.
 *
 * <p>The original source is, first, the outlet an explicit credit names ("Originally published by Reuters",
 * "Source: Bloomberg", "По материалам ТАСС", "За матеріалами Укрінформ"); else the outlet of a wire credit
 * ("(Reuters) -", "/TASS/"); else the first outlet the first {@value #LEAD_SENTENCES} sentences cite ("…, Bloomberg
 * reports", "according to Reuters", "сообщает ТАСС"): a story whose lead rests on another outlet is that outlet's
 * story. The article's own publisher is never its original source.
 *
 * <p>A disclaimer is the first sentence that disclaims responsibility for content taken from elsewhere, in English,
 * Russian or Ukrainian ("The editorial board is not responsible for the content of material taken from other
 * sources", "Редакция не несет ответственности за содержание…", "Редакція не несе відповідальності за зміст…").
 */
public final class SyndicationDetector {

    static final int LEAD_SENTENCES = 3;
    private static final int MAX_CREDIT_NAME = 60;

    private static final Pattern CREDIT = Pattern.compile(
            "(?:\\boriginally\\s+(?:published|appeared)\\s+(?:by|in|on|at)|\\b(?:this|the)\\s+(?:article|story|report)"
                    + "\\s+(?:was\\s+)?(?:first\\s+|originally\\s+)?(?:published|appeared)\\s+(?:by|in|on|at)"
                    + "|\\brepublished\\s+(?:from|with\\s+permission\\s+(?:from|of))|^\\s*(?:source|via)\\s*:"
                    + "|\\bпо\\s+материалам|^\\s*(?:первоисточник|источник|оригинал)\\s*:"
                    + "|\\bза\\s+матеріалами|^\\s*(?:першоджерело|джерело|оригінал)\\s*:)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS | Pattern.MULTILINE);

    private static final Pattern DISCLAIMER = Pattern.compile(
            "\\bnot\\s+(?:be\\s+)?(?:held\\s+)?responsible\\s+for\\s+(?:the\\s+)?(?:content|accuracy|materials?|views|opinions)"
                    + "|\\b(?:takes|bears|accepts|assumes)\\s+no\\s+responsibility\\s+for"
                    + "|\\bdo(?:es)?\\s+not\\s+necessarily\\s+(?:reflect|represent)\\s+the\\s+(?:views|opinion|position)"
                    + "|\\b(?:taken|obtained|received|borrowed)\\s+from\\s+(?:other|third[- ]party|open|external)\\s+sources"
                    + "|не\\s+нес[её]т\\s+ответственности\\s+за|(?:мнение|позиция)\\s+(?:редакции|автора)\\s+(?:может\\s+)?не\\s+совпада"
                    + "|не\\s+обязательно\\s+отражает|(?:взяты|получены|заимствованы)\\s+из\\s+(?:других|открытых|сторонних)\\s+источников"
                    + "|не\\s+несе\\s+відповідальності\\s+за|(?:думка|позиція)\\s+(?:редакції|автора)\\s+(?:може\\s+)?не\\s+збіга"
                    + "|не\\s+обов['’]язково\\s+відображає|(?:взяті|отримані|запозичені)\\s+з\\s+(?:інших|відкритих|сторонніх)\\s+джерел",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private final PublisherRegistry registry;

    public SyndicationDetector(PublisherRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param text         the article text, or null
     * @param sentences    the text split by {@link Sentences#split}
     * @param citedSources its cited sources, in text order
     * @param publisher    its publisher, or null
     */
    public Syndication detect(String text, List<Sentence> sentences, List<CitedSource> citedSources, PublisherInfo publisher) {
        if (text == null || text.isBlank()) {
            return Syndication.NONE;
        }
        Optional<Publisher> original = credited(text, publisher);
        if (original.isEmpty()) {
            int leadEnd = sentences.get(Math.min(LEAD_SENTENCES, sentences.size()) - 1).end();
            original = citedSources.stream()
                    .filter(source -> source.kind() == CitedSource.Kind.OUTLET && source.entity() != null)
                    .filter(source -> source.start() < leadEnd || isWireCredit(source))
                    .map(source -> registry.byName(source.entity()))
                    .flatMap(Optional::stream)
                    .filter(outlet -> !isOwn(outlet, publisher))
                    .findFirst();
        }
        String disclaimer = sentences.stream().map(Sentence::text).filter(s -> DISCLAIMER.matcher(s).find())
                .findFirst().orElse(null);
        return original.map(outlet -> Syndication.of(outlet.name(), outlet.wikidataId(), disclaimer))
                .orElse(Syndication.of(null, null, disclaimer));
    }

    private Optional<Publisher> credited(String text, PublisherInfo publisher) {
        Matcher m = CREDIT.matcher(text);
        while (m.find()) {
            int lineEnd = text.indexOf('\n', m.end());
            String after = text.substring(m.end(), Math.min(lineEnd < 0 ? text.length() : lineEnd, m.end() + MAX_CREDIT_NAME));
            NameMatcher.Match outlet = registry.findOutletIn(after);
            if (outlet != null && outlet.start() <= 4) {
                Optional<Publisher> found = registry.byName(outlet.entity()).filter(p -> !isOwn(p, publisher));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** "(Reuters) -" and "/TASS/" credits are found by {@link CitedSourceFinder} with the credit as the cue. */
    private static boolean isWireCredit(CitedSource source) {
        return source.cue().startsWith("(") || source.cue().startsWith("/");
    }

    private static boolean isOwn(Publisher outlet, PublisherInfo publisher) {
        return publisher != null && (outlet.id().equals(publisher.id()) || outlet.name().equals(publisher.name()));
    }
}
