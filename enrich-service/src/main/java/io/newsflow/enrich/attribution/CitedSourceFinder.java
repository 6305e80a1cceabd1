package io.newsflow.enrich.attribution;

import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.CitedSource.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sources an article's text cites: who it says reported, said or stated something. Works sentence by
 * sentence with the cues of {@link CueLexicon}: reporting verbs with the source before them ("Bloomberg reports",
 * "A diplomat, speaking on condition of anonymity, stated") or inverted after them ("…, said Putin"), phrasal cues
 * ("according to", "citing", "по данным"), anonymity cues, anonymous phrases ("people familiar with the matter")
 * and wire credits at the start of a paragraph ("(Reuters) -", "/TASS/"). Each source phrase is then classified
 * (outlet, person, organisation, anonymous, unnamed media, document) and linked to the entity it names when the
 * publisher registry or the organisation list knows it. At most {@value #MAX_CITED_SOURCES} per text, the first ones.
 */
public final class CitedSourceFinder {

    private static final int MAX_PHRASE_TOKENS = 8;
    private static final int MAX_PARENTHETICAL_TOKENS = 14;
    private static final int MAX_NAME_TOKENS = 4;
    /**
     * More attributions than any article has (a long interview has a few dozen); a text with more is a pathological
     * one, and keeping them all would make the enriched record, which repeats each one's sentence, grow without bound.
     */
    static final int MAX_CITED_SOURCES = 200;
    /** An optional dateline in capitals ("KYIV, Nov 21", "MOSCOW, November 21.") and the credit itself. */
    private static final Pattern WIRE_CREDIT = Pattern.compile(
            "^(?:\\p{Lu}[\\p{Lu} .'’-]{1,40}(?:,[\\p{L}\\p{N} .]{0,30})?\\s*)?(?:(?<paren>\\((?<parenName>[^()\\n]{2,40})\\)\\s*[-–—])|(?<slash>/(?<slashName>[^/\\n]{2,30})/))");

    private final PublisherRegistry registry;
    private final Organisations organisations;
    private final Persons persons;

    public CitedSourceFinder(PublisherRegistry registry, Organisations organisations, Persons persons) {
        this.registry = registry;
        this.organisations = organisations;
        this.persons = persons;
    }

    /** The cited sources of {@code text}, in text order; offsets are into {@code text}. */
    public List<CitedSource> find(String text) {
        return text == null ? List.of() : find(text, Sentences.split(text));
    }

    /** The same, for a text already split into {@code sentences} ({@link Sentences#split}), so that it is split once. */
    public List<CitedSource> find(String text, List<Sentence> sentences) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<CitedSource> found = new ArrayList<>();
        for (Sentence sentence : sentences) {
            found.addAll(new SentenceScan(text, sentence).scan());
            if (found.size() >= MAX_CITED_SOURCES) {
                break;
            }
        }
        found.sort(Comparator.comparingInt(CitedSource::start));
        found = found.subList(0, Math.min(found.size(), MAX_CITED_SOURCES));
        return found.stream().map(source -> known(withFullName(text, withNamedRole(text, source)))).toList();
    }

    /** A person the curated list knows links to their canonical name: "Путина" to "Vladimir Putin". */
    private CitedSource known(CitedSource source) {
        if (source.kind() != Kind.PERSON || source.entity() == null) {
            return source;
        }
        Persons.Person person = persons.named(source.entity());
        return person == null ? source : new CitedSource(source.text(), source.kind(), person.name(), source.cue(),
                source.sentence(), source.start(), source.end());
    }

    /**
     * "The mayor said" links to the person the text names with that title elsewhere ("Mayor Vitali Klitschko");
     * a role the text names no one for stays a person without an entity.
     */
    private static CitedSource withNamedRole(String text, CitedSource source) {
        if (source.kind() != Kind.PERSON || source.entity() != null) {
            return source;
        }
        String[] words = source.text().split("\\s+");
        String role = words[words.length - 1];
        if (!CueLexicon.TITLES.contains(role.toLowerCase(Locale.ROOT))) {
            return source;
        }
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])(?iu:" + Pattern.quote(role) + ")\\s+(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){1,2})")
                .matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String first = name.substring(0, name.indexOf(' ')).toLowerCase(Locale.ROOT);
            if (!CueLexicon.TITLES.contains(first) && !CueLexicon.STOP.contains(first)) {
                return new CitedSource(source.text(), source.kind(), name, source.cue(), source.sentence(), source.start(),
                        source.end());
            }
        }
        return source;
    }

    /** A surname alone ("Putin said") links to the full name the text gives elsewhere ("Vladimir Putin"). */
    private static CitedSource withFullName(String text, CitedSource source) {
        if (source.kind() != Kind.PERSON || source.entity() == null || source.entity().contains(" ")) {
            return source;
        }
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}'’-]+)\\s+" + Pattern.quote(source.entity())
                + "(?![\\p{L}\\p{N}])").matcher(text);
        while (m.find()) {
            String given = m.group(1).toLowerCase(Locale.ROOT);
            if (!CueLexicon.TITLES.contains(given) && !CueLexicon.STOP.contains(given)) {
                return new CitedSource(source.text(), source.kind(), m.group(1) + " " + source.entity(), source.cue(),
                        source.sentence(), source.start(), source.end());
            }
        }
        return source;
    }

    /** A source phrase: tokens {@code from..to} (inclusive) of the sentence, its head noun, and its cue. */
    private record Candidate(int from, int to, int head, String cue, boolean anonymous) {

        Candidate withCue(String newCue, boolean isAnonymous) {
            return new Candidate(from, to, head, newCue, isAnonymous);
        }

        boolean overlaps(Candidate other) {
            return from <= other.to && other.from <= to;
        }
    }

    /** The scan of one sentence. */
    private final class SentenceScan {

        private final String text;
        private final Sentence sentence;
        private final List<Token> tokens;
        /** The sentence lowercased character by character, so that offsets stay those of the sentence. */
        private final String lower;
        private final List<Candidate> anonymousPhrases = new ArrayList<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private final List<CitedSource> credits = new ArrayList<>();

        SentenceScan(String text, Sentence sentence) {
            this.text = text;
            this.sentence = sentence;
            this.tokens = Token.of(text, sentence);
            char[] chars = sentence.text().toCharArray();
            for (int i = 0; i < chars.length; i++) {
                chars[i] = Character.toLowerCase(chars[i]);
            }
            this.lower = new String(chars);
        }

        List<CitedSource> scan() {
            if (tokens.isEmpty()) {
                return List.of();
            }
            findWireCredit();
            findAnonymousPhrases();
            findPhrasalCues();
            findVerbCues();
            findAnonymityCues();
            anonymousPhrases.forEach(this::add);
            List<CitedSource> sources = new ArrayList<>(credits);
            for (Candidate candidate : candidates) {
                CitedSource source = classify(candidate);
                if (source != null) {
                    sources.add(source);
                }
            }
            return sources;
        }

        /** "KYIV, Nov 21 (Reuters) - …" or "MOSCOW, November 21. /TASS/." at the start of a paragraph. */
        private void findWireCredit() {
            if (!startsLine()) {
                return;
            }
            Matcher m = WIRE_CREDIT.matcher(sentence.text());
            if (!m.find()) {
                return;
            }
            boolean paren = m.group("paren") != null;
            String group = paren ? "parenName" : "slashName";
            String name = m.group(group).strip();
            registry.byName(name).ifPresent(publisher -> {
                int nameStart = sentence.start() + m.start(group) + m.group(group).indexOf(name);
                String cue = paren ? m.group("paren") : m.group("slash");
                credits.add(new CitedSource(name, Kind.OUTLET, publisher.name(), cue, sentence.text(), nameStart,
                        nameStart + name.length()));
            });
        }

        private boolean startsLine() {
            for (int i = sentence.start() - 1; i >= 0; i--) {
                char c = text.charAt(i);
                if (c == '\n') {
                    return true;
                }
                if (!Character.isWhitespace(c)) {
                    return false;
                }
            }
            return true;
        }

        private void findAnonymousPhrases() {
            if (!CueLexicon.hasAny(lower, CueLexicon.ANONYMOUS_PHRASE_HINTS)) {
                return;
            }
            Matcher m = CueLexicon.ANONYMOUS_PHRASES.matcher(lower);
            while (m.find()) {
                int from = tokenStartingAt(sentence.start() + m.start());
                int to = tokenEndingAt(sentence.start() + m.end());
                if (from >= 0 && to >= from) {
                    String group = m.group("cue") != null ? "cue" : m.group("cueRu") != null ? "cueRu" : "cueIn";
                    String cue = sentence.text().substring(m.start(group), m.end(group));
                    anonymousPhrases.add(new Candidate(from, to, to, cue, true));
                }
            }
        }

        /** "according to X", "citing X", "по данным X": the source follows the cue. */
        private void findPhrasalCues() {
            if (!CueLexicon.hasAny(lower, CueLexicon.PHRASAL_CUE_HINTS)) {
                return;
            }
            Matcher m = CueLexicon.PHRASAL_CUES.matcher(lower);
            while (m.find()) {
                int cueEnd = tokenEndingAt(sentence.start() + m.end());
                Candidate phrase = phraseAfter(cueEnd + 1, asWritten(m));
                if (phrase != null) {
                    add(phrase);
                }
            }
        }

        private void findVerbCues() {
            for (int i = 0; i < tokens.size(); i++) {
                Token verb = tokens.get(i);
                if (!CueLexicon.VERBS.contains(verb.lower())) {
                    continue;
                }
                Candidate phrase = subjectOf(i);
                if (phrase != null) {
                    add(phrase);
                }
            }
        }

        /** The source of the reporting verb at {@code v}, before it, inverted after it, or before a parenthetical. */
        private Candidate subjectOf(int v) {
            String cue = tokens.get(v).text();
            int k = v - 1;
            boolean passive = false;
            while (k >= 0 && CueLexicon.BETWEEN_SOURCE_AND_VERB.contains(tokens.get(k).lower())) {
                passive |= CueLexicon.BE_FORMS.contains(tokens.get(k).lower());
                k--;
            }
            if (passive) {
                // "was confirmed by officials" names its source after "by"; "fighting was reported" names none.
                boolean byFollows = v + 1 < tokens.size() && tokens.get(v + 1).lower().equals("by");
                return byFollows ? phraseAfter(v + 2, cue) : null;
            }
            boolean freeOrder = CueLexicon.FREE_ORDER_VERBS.contains(tokens.get(v).lower());
            if (k < 0) {
                return phraseAfter(v + 1, cue);
            }
            Token before = tokens.get(k);
            if (before.isWord()) {
                Candidate phrase = phraseBefore(k, cue);
                return phrase == null && freeOrder ? phraseAfter(v + 1, cue) : phrase;
            }
            if (before.is(",") || isClosingQuoteOrDash(before)) {
                Candidate inverted = phraseAfter(v + 1, cue);
                if (inverted != null) {
                    return inverted;
                }
                if (before.is(",")) {
                    int opening = openingComma(k);
                    return opening > 0 ? phraseBefore(opening - 1, cue) : null;
                }
            }
            return freeOrder ? phraseAfter(v + 1, cue) : null;
        }

        /** The comma that opens the parenthetical closed by the comma at {@code closing}, or -1. */
        private int openingComma(int closing) {
            for (int p = closing - 1; p >= 0 && closing - p <= MAX_PARENTHETICAL_TOKENS; p--) {
                Token t = tokens.get(p);
                if (t.is(",")) {
                    return p;
                }
                if (CueLexicon.VERBS.contains(t.lower()) || !t.isWord() && !t.is("-")) {
                    return -1;
                }
            }
            return -1;
        }

        /** "A diplomat, speaking on condition of anonymity, …": makes the phrase before the cue anonymous. */
        private void findAnonymityCues() {
            if (!CueLexicon.hasAny(lower, CueLexicon.ANONYMITY_CUE_HINTS)) {
                return;
            }
            Matcher m = CueLexicon.ANONYMITY_CUES.matcher(lower);
            while (m.find()) {
                int c = tokenStartingAt(sentence.start() + m.start());
                if (c < 0) {
                    continue;
                }
                int k = c - 1;
                if (k >= 0 && tokens.get(k).is(",")) {
                    k--;
                }
                while (k >= 0 && (CueLexicon.VERBS.contains(tokens.get(k).lower())
                        || CueLexicon.BETWEEN_SOURCE_AND_VERB.contains(tokens.get(k).lower()))) {
                    k--;
                }
                String cue = asWritten(m);
                Candidate phrase = k >= 0 ? phraseBefore(k, cue) : null;
                if (phrase == null) {
                    continue;
                }
                Candidate anonymous = phrase.withCue(cue, true);
                candidates.removeIf(existing -> existing.overlaps(anonymous));
                candidates.add(anonymous);
            }
        }

        /** The text of a match in {@link #lower} as the sentence writes it. */
        private String asWritten(Matcher m) {
            return sentence.text().substring(m.start(), m.end());
        }

        private void add(Candidate candidate) {
            if (candidates.stream().noneMatch(existing -> existing.overlaps(candidate))) {
                candidates.add(candidate);
            }
        }

        /** The source phrase that ends at token {@code k}, scanning left, or null. */
        private Candidate phraseBefore(int k, String cue) {
            for (Candidate anonymous : anonymousPhrases) {
                if (anonymous.to() == k) {
                    return anonymous.withCue(cue, true);
                }
            }
            int first = k + 1;
            for (int j = k; j >= 0 && k - j < MAX_PHRASE_TOKENS; j--) {
                Token t = tokens.get(j);
                if (!t.isWord() || isStop(t) || j == 0 && isSentenceAdverb(t)) {
                    break;
                }
                first = j;
                if (CueLexicon.DETERMINERS.contains(t.lower())) {
                    break;
                }
            }
            while (first <= k && tokens.get(first).lower().equals("of")) {
                first++;
            }
            return first > k ? null : phrase(first, k, cue);
        }

        /** The source phrase that starts at token {@code i}, scanning right, or null. */
        private Candidate phraseAfter(int i, String cue) {
            if (i >= tokens.size()) {
                return null;
            }
            for (Candidate anonymous : anonymousPhrases) {
                if (anonymous.from() == i) {
                    return anonymous.withCue(cue, true);
                }
            }
            int j = i;
            if (CueLexicon.DETERMINERS.contains(tokens.get(j).lower())) {
                j++;
            }
            int last = -1;
            boolean sawName = false;
            for (; j < tokens.size() && j - i < MAX_PHRASE_TOKENS; j++) {
                Token t = tokens.get(j);
                if (!t.isWord()) {
                    break;
                }
                if (isConnector(t)) {
                    Token next = j + 1 < tokens.size() ? tokens.get(j + 1) : null;
                    boolean continues = next != null && (next.isCapitalised() || next.lower().equals("the"));
                    if (!continues || !t.lower().equals("of") && (last < 0 || !isLexiconNoun(tokens.get(last)))) {
                        break;
                    }
                    j += next.lower().equals("the") ? 1 : 0;
                    continue;
                }
                if (isStop(t) || CueLexicon.DETERMINERS.contains(t.lower())) {
                    break;
                }
                if (sawName && !t.isCapitalised() && !isLexiconNoun(t)) {
                    break;
                }
                sawName |= t.isCapitalised();
                last = j;
            }
            // Trailing words that cannot head a phrase ("officials involved") are not part of it.
            while (last >= i && !isHead(tokens.get(last))) {
                last--;
            }
            return last < i ? null : phrase(i, last, cue);
        }

        /** A candidate for tokens {@code from..to}, if its head can stand for a source. */
        private Candidate phrase(int from, int to, String cue) {
            int head = to;
            for (int j = from + 1; j < to; j++) {
                if (isConnector(tokens.get(j))) {
                    head = j - 1;
                    break;
                }
            }
            if (!isHead(tokens.get(head))) {
                // Russian and Ukrainian put modifiers after the head: "мэр города", "представник міністерства".
                for (int j = from; j < to; j++) {
                    if (isLexiconNoun(tokens.get(j)) && isCyrillic(tokens.get(j))) {
                        head = j;
                        break;
                    }
                }
            }
            return isHead(tokens.get(head)) ? new Candidate(from, to, head, cue, false) : null;
        }

        private static boolean isCyrillic(Token t) {
            return Character.UnicodeBlock.of(t.text().charAt(0)) == Character.UnicodeBlock.CYRILLIC;
        }

        private boolean isHead(Token t) {
            return t.isWord() && !t.isPossessive() && !CueLexicon.STOP.contains(t.lower())
                    && !CueLexicon.DETERMINERS.contains(t.lower()) && (t.isCapitalised() || isLexiconNoun(t));
        }

        private CitedSource classify(Candidate c) {
            Token first = tokens.get(c.from());
            Token head = tokens.get(c.head());
            int phraseStart = first.start();
            int phraseEnd = tokens.get(c.to()).end();
            String phrase = text.substring(phraseStart, phraseEnd);
            NameMatcher.Match outlet = registry.findOutletIn(phrase);
            NameMatcher.Match organisation = organisations.findIn(phrase);
            String linked = organisation != null ? organisation.entity() : outlet != null ? outlet.entity() : null;
            Kind kind;
            String entity = null;
            if (c.anonymous()) {
                kind = Kind.ANONYMOUS;
                entity = linked;
            } else if (CueLexicon.MEDIA_NOUNS.contains(head.lower()) || CueLexicon.DOCUMENT_NOUNS.contains(head.lower())
                    && outlet == null && hasMediaNoun(c)) {
                kind = outlet != null ? Kind.OUTLET : Kind.UNNAMED_MEDIA;
                entity = outlet != null ? outlet.entity() : null;
            } else if (covers(outlet, head, phraseStart) || outlet != null && CueLexicon.DOCUMENT_NOUNS.contains(head.lower())) {
                kind = Kind.OUTLET;
                entity = outlet.entity();
            } else if (CueLexicon.DOCUMENT_NOUNS.contains(head.lower())) {
                kind = Kind.DOCUMENT;
                entity = linked;
            } else if (CueLexicon.ROLE_NOUNS.contains(head.lower())) {
                String name = c.to() > c.head() ? nameEndingAt(c, c.to(), outlet, organisation, phraseStart) : null;
                if (name != null && name.contains(" ")) {
                    kind = Kind.PERSON;
                    entity = name;
                } else {
                    kind = isAnonymousRole(c) ? Kind.ANONYMOUS : Kind.PERSON;
                    entity = kind == Kind.ANONYMOUS ? linked : null;
                }
            } else if (covers(organisation, head, phraseStart) || CueLexicon.ORGANISATION_NOUNS.contains(head.lower())) {
                kind = Kind.ORGANISATION;
                entity = organisation != null ? organisation.entity() : null;
            } else if (head.isCapitalised()) {
                String name = nameEndingAt(c, c.head(), outlet, organisation, phraseStart);
                if (name == null) {
                    return null;
                }
                boolean acronym = !name.contains(" ") && head.isAcronym();
                kind = acronym ? Kind.ORGANISATION : Kind.PERSON;
                entity = acronym ? null : name;
            } else {
                return null;
            }
            return new CitedSource(phrase, kind, entity, c.cue(), sentence.text(), phraseStart, phraseEnd);
        }

        /** "a diplomat", "two officials", "sources", "источник": a role that deliberately names nobody. */
        private boolean isAnonymousRole(Candidate c) {
            Token first = tokens.get(c.from());
            Token head = tokens.get(c.head());
            boolean definite = first.lower().equals("the") || tokens.subList(c.from(), c.head()).stream().anyMatch(Token::isPossessive);
            // Only roles that stand for concealed people ("sources", "officials") are anonymous without an article;
            // "economists said" names a kind of person, not a concealed one.
            return !definite && (CueLexicon.INDEFINITE.contains(first.lower()) || CueLexicon.ANONYMOUS_ROLES.contains(head.lower()));
        }

        /** The person's name at the end of the phrase, without titles and names of organisations ("Vladimir Putin"). */
        private String nameEndingAt(Candidate c, int end, NameMatcher.Match outlet, NameMatcher.Match organisation,
                                    int phraseStart) {
            int from = end + 1;
            for (int j = end; j >= c.from() && end - j < MAX_NAME_TOKENS; j--) {
                Token t = tokens.get(j);
                if (!t.isCapitalised() || CueLexicon.TITLES.contains(t.lower()) || t.isPossessive()
                        || covers(outlet, t, phraseStart) || covers(organisation, t, phraseStart)) {
                    break;
                }
                from = j;
            }
            return from > end ? null : text.substring(tokens.get(from).start(), tokens.get(end).end());
        }

        private boolean hasMediaNoun(Candidate c) {
            return tokens.subList(c.from(), c.to() + 1).stream().anyMatch(t -> CueLexicon.MEDIA_NOUNS.contains(t.lower()));
        }

        private static boolean covers(NameMatcher.Match match, Token token, int phraseStart) {
            return match != null && match.start() <= token.start() - phraseStart && token.end() - phraseStart <= match.end();
        }

        /** Function words and reporting verbs end a source phrase ("Bloomberg reported Putin said"). */
        private static boolean isStop(Token t) {
            return CueLexicon.STOP.contains(t.lower())
                    || CueLexicon.VERBS.contains(t.lower()) && !CueLexicon.DOCUMENT_NOUNS.contains(t.lower());
        }

        private static boolean isConnector(Token t) {
            return t.lower().equals("of") || t.lower().equals("from") || t.lower().equals("by");
        }

        private static boolean isLexiconNoun(Token t) {
            return CueLexicon.ROLE_NOUNS.contains(t.lower()) || CueLexicon.ORGANISATION_NOUNS.contains(t.lower())
                    || CueLexicon.MEDIA_NOUNS.contains(t.lower()) || CueLexicon.DOCUMENT_NOUNS.contains(t.lower());
        }

        /** "Separately", "Finally": capitalised only because they open the sentence. */
        private static boolean isSentenceAdverb(Token t) {
            return t.lower().endsWith("ly") && t.lower().length() > 4;
        }

        private static boolean isClosingQuoteOrDash(Token t) {
            return t.is("”") || t.is("\"") || t.is("»") || t.is("’") || t.is("—") || t.is("–");
        }

        private int tokenStartingAt(int offset) {
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).start() >= offset) {
                    return i;
                }
            }
            return -1;
        }

        private int tokenEndingAt(int offset) {
            int last = -1;
            for (int i = 0; i < tokens.size() && tokens.get(i).end() <= offset; i++) {
                last = i;
            }
            return last;
        }
    }
}
