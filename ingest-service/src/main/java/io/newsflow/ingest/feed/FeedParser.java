package io.newsflow.ingest.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import io.newsflow.ingest.extract.DateText;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds with Rome, JSON Feed 1.0/1.1 ({@link JsonFeedParser}) and Google
 * News sitemaps and sitemap indexes ({@link SitemapParser}).
 * <p>
 * Leniency and safety: every XML document is first decoded and repaired by {@link FeedRepair}: wrong or missing
 * encodings, a BOM, leading garbage, HTML entities, bare ampersands and control characters are fixed; a DOCTYPE is
 * cut out unread, so no DTD is loaded and no entity declared. Rome's own parser still refuses DOCTYPEs
 * ({@code allowDoctypes=false}, the parser's {@code disallow-doctype-decl}) in case one got through.
 * <p>
 * Dates: Rome gives {@link Date}s, which lose the offset the feed wrote. The date elements of each item are read
 * again from the same parsed document, and where one of them denotes the same instant as Rome's date its original
 * offset is kept; otherwise the date is given in UTC.
 */
public final class FeedParser {

    /** Item elements whose text is a date; names without namespace, as RSS (incl. dc:date) and Atom use them. */
    private static final Set<String> DATE_ELEMENTS = Set.of("pubDate", "published", "issued", "date", "created", "updated", "modified");

    /** Rome's input with its safe settings, opened up so that the parsed document can be kept for the dates. */
    private static final class SafeFeedInput extends WireFeedInput {
        SafeFeedInput() {
            setAllowDoctypes(false);
        }

        Document document(Reader reader) throws JDOMException, IOException {
            return createSAXBuilder().build(reader);
        }
    }

    /**
     * @param body        the feed document as fetched
     * @param contentType the response's Content-Type (its charset is used unless the document says otherwise), or null
     * @param feedUri     the feed's URL, against which relative item links are resolved
     * @throws FeedParseException if the body is not XML even after repair, nor JSON, or is none of the formats read
     */
    public ParsedFeed parse(byte[] body, String contentType, URI feedUri) throws FeedParseException {
        if (FeedRepair.isJson(body)) {
            return JsonFeedParser.parse(body, feedUri);
        }
        String xml = FeedRepair.repair(FeedRepair.decode(body, contentType));
        String root = FeedRepair.rootName(xml);
        if (root.equals("urlset") || root.equals("sitemapindex")) {
            return SitemapParser.parse(xml, feedUri);
        }
        SafeFeedInput input = new SafeFeedInput();
        Document document;
        try (Reader reader = new StringReader(xml)) {
            document = input.document(reader);
        } catch (JDOMException e) {
            throw new FeedParseException("not well-formed XML, even after repair: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedParseException("cannot read the feed: " + e.getMessage(), e);
        }
        WireFeed wire;
        try {
            wire = input.build(document);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseException("not an RSS or Atom feed (root element <" + document.getRootElement().getName()
                    + ">): " + e.getMessage(), e);
        }
        SyndFeed feed = new SyndFeedImpl(wire);
        List<SyndEntry> entries = feed.getEntries();
        List<Element> itemElements = itemElements(document.getRootElement());
        // Rome keeps document order; if the counts differ the pairing is unknown, and the dates stay in UTC.
        boolean paired = itemElements.size() == entries.size();
        List<FeedItem> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            items.add(item(entries.get(i), paired ? itemElements.get(i) : null, feedUri));
        }
        Duration ttl = wire instanceof Channel channel && channel.getTtl() > 0 ? Duration.ofMinutes(channel.getTtl()) : null;
        return new ParsedFeed(feed.getFeedType(), blankToNull(feed.getTitle()), blankToNull(feed.getLanguage()), items, ttl, List.of());
    }

    private static FeedItem item(SyndEntry entry, Element element, URI feedUri) {
        List<String> rawDates = element == null ? List.of() : rawDates(element);
        List<String> authors = new ArrayList<>();
        for (SyndPerson person : entry.getAuthors()) {
            if (person.getName() != null && !person.getName().isBlank()) {
                authors.add(person.getName().strip());
            }
        }
        if (authors.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            authors.add(entry.getAuthor().strip());
        }
        String content = entry.getContents().stream().map(SyndContent::getValue).filter(v -> v != null && !v.isBlank())
                .findFirst().orElse(null);
        return new FeedItem(
                link(entry, feedUri),
                blankToNull(entry.getTitle()),
                entry.getDescription() == null ? null : blankToNull(entry.getDescription().getValue()),
                content,
                authors,
                withOriginalOffset(entry.getPublishedDate(), rawDates),
                withOriginalOffset(entry.getUpdatedDate(), rawDates));
    }

    private static String link(SyndEntry entry, URI feedUri) {
        String link = blankToNull(entry.getLink());
        if (link == null) {
            return null;
        }
        try {
            return feedUri.resolve(link).toString();
        } catch (IllegalArgumentException e) {
            return link;
        }
    }

    private static OffsetDateTime withOriginalOffset(Date date, List<String> rawDates) {
        if (date == null) {
            return null;
        }
        for (String raw : rawDates) {
            Optional<OffsetDateTime> parsed = DateText.parse(raw);
            if (parsed.isPresent() && parsed.get().toInstant().equals(date.toInstant())) {
                return parsed.get();
            }
        }
        return date.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** The item elements in document order: RSS 2.0/0.9x {@code channel/item}, RSS 1.0 {@code rdf:RDF/item}, Atom {@code feed/entry}. */
    private static List<Element> itemElements(Element root) {
        return switch (root.getName()) {
            case "rss" -> {
                Element channel = childNamed(root, "channel");
                yield channel == null ? List.of() : childrenNamed(channel, "item");
            }
            case "RDF" -> childrenNamed(root, "item");
            case "feed" -> childrenNamed(root, "entry");
            default -> List.of();
        };
    }

    private static List<String> rawDates(Element item) {
        return item.getChildren().stream().filter(child -> DATE_ELEMENTS.contains(child.getName()))
                .map(Element::getTextTrim).toList();
    }

    private static Element childNamed(Element parent, String name) {
        return parent.getChildren().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    private static List<Element> childrenNamed(Element parent, String name) {
        return parent.getChildren().stream().filter(c -> c.getName().equals(name)).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
