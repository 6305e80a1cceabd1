package io.newsflow.enrich.attribution;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words attribution finding works with, in English, Russian and Ukrainian (all lowercase). Reporting verbs
 * take their source before them ("Bloomberg reports") or, inverted, after them ("…, said Putin"); phrasal cues
 * take it after them ("according to Bloomberg"). A source phrase is a noun phrase whose head is a capitalised
 * name or one of the nouns listed here, so that "That said" or "the said agreement" never make a source.
 */
final class CueLexicon {

    private CueLexicon() {
    }

    // Set.copyOf: a form Russian and Ukrainian write alike ("заявило") is listed in each.
    static final Set<String> VERBS = Set.copyOf(List.of(
            "said", "says", "say", "told", "tells", "stated", "announced", "announces", "confirmed", "confirms",
            "reported", "reports", "report", "wrote", "writes", "added", "adds", "noted", "notes", "claimed", "claims",
            "warned", "warns", "insisted", "insists", "stressed", "stresses", "declared", "declares", "denied",
            "denies", "explained", "explains", "acknowledged", "acknowledges", "reaffirmed", "reaffirms", "argued",
            "argues", "revealed", "reveals", "admitted", "admits", "emphasised", "emphasized", "emphasises",
            "emphasizes",
            // Russian
            "заявил", "заявила", "заявили", "заявляет", "заявляют", "сообщил", "сообщила", "сообщили", "сообщает",
            "сообщают", "рассказал", "рассказала", "рассказали", "отметил", "отметила", "отметили", "подчеркнул",
            "подчеркнула", "пишет", "пишут", "передает", "передаёт", "уточнил", "уточнила", "добавил", "добавила",
            "признал", "признала", "сказал", "сказала", "сказали", "сообщило", "заявило", "считает", "считают",
            "полагает", "полагают", "подтвердил", "подтвердила", "подтвердили", "написал", "написала", "отмечает",
            "отмечают", "объявил", "объявила", "пояснил", "пояснила",
            // Ukrainian
            "заявив", "заявляє", "заявляють", "повідомив", "повідомила", "повідомили", "повідомляє", "повідомляють",
            "розповів", "розповіла", "зазначив", "зазначила", "наголосив", "наголосила", "пише", "пишуть", "передає",
            "додав", "додала", "уточнив", "визнав", "визнала", "сказав", "повідомило", "заявило", "вважає",
            "вважають", "підтвердив", "підтвердила", "підтвердили", "написав", "написала", "зазначає", "зазначають",
            "оголосив", "оголосила", "пояснив", "пояснила"));

    /** Verbs of languages with free word order: the source may follow them without a comma. */
    static final Set<String> FREE_ORDER_VERBS = Set.copyOf(VERBS.stream()
            .filter(v -> Character.UnicodeBlock.of(v.charAt(0)) == Character.UnicodeBlock.CYRILLIC).toList());

    // The cue patterns are matched against lowercased text, and only when the text contains one of their hints:
    // case-insensitive matching and trying every position of every sentence cost most of the time otherwise.

    /** Cues followed by their source: "according to Bloomberg", "по данным ТАСС". */
    static final Pattern PHRASAL_CUES = Pattern.compile(
            "\\b(?:according\\s+to|citing|quoting|as\\s+reported\\s+by|по\\s+данным|по\\s+словам|по\\s+информации"
                    + "|по\\s+сведениям|со\\s+ссылкой\\s+на|как\\s+сообщает|как\\s+пишет|за\\s+даними|за\\s+словами"
                    + "|за\\s+інформацією|з\\s+посиланням\\s+на|як\\s+повідомляє|як\\s+пише)(?=\\s)",
            Pattern.UNICODE_CHARACTER_CLASS);

    static final List<String> PHRASAL_CUE_HINTS = List.of(
            "according", "citing", "quoting", "reported by", "по ", "со ссылкой", "как ", "за ", "з посиланням", "як ");

    /** Cues that make the phrase before them an anonymous source: "A diplomat, speaking on condition of anonymity, …". */
    static final Pattern ANONYMITY_CUES = Pattern.compile(
            "(?:(?:speaking|who\\s+spoke|talking)\\s+)?on\\s+(?:the\\s+)?condition\\s+of\\s+anonymity"
                    + "|(?:(?:who|that)\\s+)?(?:declined|asked|refused|requested)\\s+(?:not\\s+)?to\\s+be\\s+(?:named|identified)"
                    + "|на\\s+условиях\\s+анонимности|пожелав\\p{L}*\\s+остаться\\s+неизвестн\\p{L}*"
                    + "|попросив\\p{L}*\\s+не\\s+называть\\s+(?:\\p{L}+\\s+)?им\\p{L}*"
                    + "|на\\s+умовах\\s+анонімності|(?:який|яка|які)\\s+побажа\\p{L}*\\s+залишитися\\s+неназван\\p{L}*",
            Pattern.UNICODE_CHARACTER_CLASS);

    static final List<String> ANONYMITY_CUE_HINTS = List.of(
            "anonym", "named", "identified", "анонимн", "неизвестн", "называть", "анонімн", "неназван");

    /** Anonymous source phrases that stand on their own: "people familiar with the matter". */
    static final Pattern ANONYMOUS_PHRASES = Pattern.compile(
            "(?:(?:two|three|four|five|several|many|some|\\d+)\\s+)?(?:(?:senior|western|european|american|u\\.s\\.|us"
                    + "|ukrainian|russian|government|administration|military|intelligence|diplomatic|security)\\s+)*"
                    + "(?:people|persons|sources|officials|diplomats|insiders|individuals|person|source|official|diplomat)\\s+"
                    + "(?<cue>familiar\\s+with|close\\s+to|briefed\\s+on|with\\s+(?:direct\\s+)?knowledge\\s+of|aware\\s+of)\\s+"
                    + "(?:the\\s+|this\\s+|that\\s+|those\\s+|their\\s+)?(?:\\p{L}+\\s+)?"
                    + "(?:matter|situation|talks|negotiations|discussions|plans?|thinking|deliberations|decision|proposal"
                    + "|issue|investigation|process|conversations?|meeting|report|document)"
                    + "|(?:(?:хорошо\\s+)?(?<cueRu>осведомл[её]нн\\p{L}+|информированн\\p{L}+|поінформован\\p{L}+|обізнан\\p{L}+)\\s+"
                    + "(?:источник\\p{L}*|джерел\\p{L}*))"
                    // "источник в правительстве", "джерело в уряді": a source placed only by where it works.
                    + "|(?:(?<cueIn>источник\\p{L}*|собеседник\\p{L}*|джерел\\p{L}*|співрозмовник\\p{L}*)\\s+(?:в|во|у|из|з|із|близк\\p{L}+\\s+к|близьк\\p{L}+\\s+до)\\s+"
                    + "\\p{L}+(?:\\s+(?!\\p{L}*(?:сообщ|заяв|повідом|рассказ|розпов|говор|сказ))\\p{L}+)?)",
            Pattern.UNICODE_CHARACTER_CLASS);

    static final List<String> ANONYMOUS_PHRASE_HINTS = List.of(
            "familiar", "close to", "briefed", "knowledge", "aware", "осведомл", "информирован", "поінформован", "обізнан",
            "источник", "собеседник", "джерел", "співрозмовник");

    /** Whether {@code lowercase} text contains any of {@code hints}, so that their pattern may match it. */
    static boolean hasAny(String lowercase, List<String> hints) {
        for (String hint : hints) {
            if (lowercase.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /** Articles and numbers that may open a source phrase. */
    static final Set<String> DETERMINERS = Set.of(
            "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "other", "another",
            "both", "each", "most", "few");

    static final Set<String> INDEFINITE = Set.of(
            "a", "an", "one", "two", "three", "four", "five", "several", "some", "many", "other", "another", "both",
            "each", "most", "few");

    /** Auxiliaries and adverbs that may stand between a source and its verb: "Putin has repeatedly said". */
    static final Set<String> BETWEEN_SOURCE_AND_VERB = Set.of(
            "has", "have", "had", "also", "later", "previously", "earlier", "repeatedly", "reportedly", "recently",
            "again", "once", "further", "publicly", "separately", "then", "officially", "already", "would", "will",
            "could", "may", "might", "last", "first", "initially", "subsequently", "simply", "quickly",
            "is", "was", "were", "are", "been", "be", "being",
            "также", "уже", "ранее", "ещё", "еще", "вновь", "позже", "неоднократно", "официально", "публично",
            "також", "вже", "раніше", "знову", "пізніше", "неодноразово", "офіційно", "публічно");

    static final Set<String> BE_FORMS = Set.of("is", "was", "were", "are", "been", "be", "being");

    /** Words that never belong to a source phrase: they end the scan for one. */
    static final Set<String> STOP = Set.of(
            "that", "which", "who", "whom", "whose", "and", "or", "but", "nor", "so", "yet", "if", "as", "because",
            "while", "when", "where", "than", "then", "to", "in", "on", "at", "for", "with", "from", "by", "about",
            "into", "over", "after", "before", "during", "under", "against", "between", "through", "without", "within",
            "since", "until", "upon", "amid", "among", "across", "per", "via", "is", "are", "was", "were", "be", "been",
            "being", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may",
            "might", "must", "not", "no", "also", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
            "their", "our", "my", "your", "him", "them", "us", "me", "this", "these", "those", "there", "here", "what",
            "how", "why", "all", "said", "says", "say", "told", "needless", "having", "however", "meanwhile",
            "separately", "earlier", "later", "moreover", "furthermore", "additionally", "instead", "still", "now",
            "today", "yesterday", "tomorrow", "tonight", "finally", "previously", "recently", "last", "next", "so-called",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december",
            // Russian
            "в", "во", "на", "по", "с", "со", "о", "об", "обо", "за", "из", "к", "у", "от", "до", "для", "при", "и", "а",
            "но", "что", "как", "когда", "если", "это", "этом", "этого", "он", "она", "они", "мы", "я", "его", "её", "ее",
            "их", "не", "же", "бы", "ли", "также", "уже", "ранее", "сегодня", "вчера", "который", "которая", "которые",
            // Ukrainian
            "із", "зі", "від", "і", "й", "та", "але", "що", "як", "коли", "якщо", "це", "цьому", "цього", "про", "він",
            "вона", "вони", "ми", "її", "також", "вже", "раніше", "сьогодні", "вчора", "який", "яка", "які");

    /** People by role: the head of "a senior official", "the Kremlin spokesman", "источник". */
    static final Set<String> ROLE_NOUNS = Set.of(
            "official", "officials", "diplomat", "diplomats", "source", "sources", "spokesman", "spokeswoman",
            "spokesperson", "spokespeople", "minister", "ministers", "president", "premier", "secretary", "chancellor",
            "ambassador", "envoy", "adviser", "advisers", "advisor", "advisors", "aide", "aides", "analyst", "analysts",
            "expert", "experts", "observer", "observers", "commander", "commanders", "officer", "officers",
            "lawmaker", "lawmakers", "legislator", "legislators", "senator", "senators", "leader", "leaders", "chief",
            "witness", "witnesses", "resident", "residents", "people", "person", "insider", "insiders", "negotiator",
            "negotiators", "representative", "representatives", "investigator", "investigators", "prosecutor",
            "prosecutors", "researcher", "researchers", "economist", "economists", "scientist", "scientists",
            "governor", "mayor", "lawyer", "мэр", "мер", "губернатор", "экономист", "экономисты", "економіст",
            "економісти", "политолог", "политологи", "політолог", "політологи", "военные", "військові", "lawyers", "executive", "executives", "director", "colleague", "colleagues",
            "head", "chairman", "chairwoman", "general", "generals", "soldier", "soldiers", "voter", "voters",
            "источник", "источники", "источника", "источников", "собеседник", "собеседники", "собеседника",
            "представитель", "представители", "министр",
            "президент", "глава", "пресс-секретарь", "премьер-министр", "чиновник", "чиновники", "эксперт", "эксперты",
            "аналитик", "аналитики", "дипломат", "дипломаты", "джерело", "джерела", "джерел", "співрозмовник",
            "співрозмовника", "представник",
            "представники", "міністр", "голова", "речник", "речниця", "прем'єр-міністр", "прем’єр-міністр",
            "посадовець", "посадовці", "експерт", "експерти", "аналітик", "аналітики", "дипломати");

    /** Roles that name nobody even without an article: "источник сообщил", "sources say". */
    static final Set<String> ANONYMOUS_ROLES = Set.of(
            "source", "sources", "insider", "insiders", "official", "officials", "diplomats", "people",
            "источник", "источники", "источника", "источников", "собеседник", "собеседники", "собеседника",
            "чиновник", "чиновники", "джерело", "джерела", "джерел", "співрозмовник", "співрозмовника", "посадовець",
            "посадовці");

    static final Set<String> ORGANISATION_NOUNS = Set.of(
            "ministry", "government", "administration", "alliance", "military", "army", "navy", "police", "council",
            "committee", "commission", "agency", "office", "department", "parliament", "court", "bank", "company",
            "firm", "authorities", "union", "bloc", "cabinet", "embassy", "service", "forces", "command", "delegation",
            "presidency", "staff", "headquarters", "watchdog", "regulator", "party", "organisation", "organization",
            "institute", "university", "coalition", "prosecutors", "secretariat",
            "министерство", "правительство", "администрация", "ведомство", "армия", "полиция", "совет", "комитет",
            "комиссия", "посольство", "штаб", "минобороны", "мид", "міністерство", "уряд", "адміністрація", "відомство",
            "армія", "поліція", "рада", "комітет", "комісія", "міноборони", "мзс");

    static final Set<String> MEDIA_NOUNS = Set.of(
            "media", "press", "outlets", "outlet", "newspaper", "newspapers", "broadcaster", "broadcasters",
            "journalists", "reporters", "tabloids", "tabloid", "channel", "сми", "издание", "издания", "газета",
            "газеты", "журналисты", "телеканал", "змі", "видання", "журналісти");

    static final Set<String> DOCUMENT_NOUNS = Set.of(
            "report", "reports", "statement", "statements", "document", "documents", "study", "survey", "memo",
            "letter", "data", "figures", "decree", "resolution", "analysis", "poll", "assessment", "filing", "filings",
            "transcript", "communique", "communiqué", "readout", "release", "estimate", "estimates", "records",
            "census", "reporting", "investigation", "доклад", "отчёт", "отчет", "заявление", "документ", "документы",
            "исследование", "опрос", "данные", "данным", "указ", "резолюция", "доповідь", "звіт", "заява",
            "документи", "дослідження", "опитування", "дані", "даними");

    /** Words of a person's title, left out of the person's name: "President Vladimir Putin" → "Vladimir Putin". */
    static final Set<String> TITLES = Set.of(
            "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "chancellor", "spokesman",
            "spokeswoman", "spokesperson", "gen.", "general", "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "senator",
            "rep.", "representative", "governor", "mayor", "king", "queen", "pope", "ambassador", "envoy", "commander",
            "colonel", "col.", "lt.", "lieutenant", "admiral", "chairman", "chairwoman", "chair", "director", "chief",
            "deputy", "vice", "special", "state", "national", "security", "adviser", "advisor", "of", "former",
            "incoming", "outgoing", "acting", "presidential", "press", "head", "leader", "premier", "sheikh", "prince",
            "президент", "министр", "премьер-министр", "пресс-секретарь", "глава", "представитель", "міністр",
            "прем'єр-міністр", "прем’єр-міністр", "речник", "речниця", "голова", "представник", "мэр", "мер",
            "губернатор");
}
