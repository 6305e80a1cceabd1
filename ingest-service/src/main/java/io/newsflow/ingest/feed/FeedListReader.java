package io.newsflow.ingest.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.feed.FeedSubscription;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a feed list file: OPML (every {@code outline} with an {@code xmlUrl}, at any depth; optional
 * {@code publisher} and {@code pollInterval} attributes name the publisher and the feed's own poll interval) or a
 * JSON or YAML list of {@code {url, title?, publisher?, pollInterval?}}. A poll interval is written as the duration
 * settings are ({@code 5m}, {@code PT5M}). The format is taken from the file name ({@code .opml}/{@code .xml},
 * {@code .json}, {@code .yaml}/{@code .yml}), else from the first character. Feeds listed twice are kept once.
 */
public final class FeedListReader {

    private static final String EXPECTED = "expected OPML, or a JSON or YAML list of {url, title?, publisher?, pollInterval?}";

    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {
    };

    /** One entry of a JSON or YAML list; unknown keys are an error, since they are most likely typos. */
    private record Entry(String url, String title, String publisher, String pollInterval) {
    }

    private final ObjectMapper json = JsonMapper.builder().build();
    private final ObjectMapper yaml = YAMLMapper.builder().build();

    /**
     * @throws FeedListException naming the file and what is wrong with it
     */
    public List<FeedSubscription> read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FeedListException("cannot read feed list " + file + ": " + e);
        }
        List<FeedSubscription> feeds = switch (formatOf(file, content)) {
            case OPML -> readOpml(file, content);
            case JSON -> readList(file, content, json);
            case YAML -> readList(file, content, yaml);
        };
        if (feeds.isEmpty()) {
            throw new FeedListException("feed list " + file + " lists no feeds; " + EXPECTED);
        }
        Map<String, FeedSubscription> unique = new LinkedHashMap<>();
        feeds.forEach(feed -> unique.putIfAbsent(feed.id(), feed));
        return List.copyOf(unique.values());
    }

    private enum Format { OPML, JSON, YAML }

    private static Format formatOf(Path file, byte[] content) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".opml") || name.endsWith(".xml")) {
            return Format.OPML;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Format.YAML;
        }
        String text = new String(content, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).stripLeading();
        }
        return text.startsWith("<") ? Format.OPML : text.startsWith("[") || text.startsWith("{") ? Format.JSON : Format.YAML;
    }

    private static List<FeedSubscription> readList(Path file, byte[] content, ObjectMapper mapper) {
        List<Entry> entries;
        try {
            entries = mapper.readValue(content, ENTRIES);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new FeedListException("feed list " + file + " is not valid: " + e.getOriginalMessage() + where + "; " + EXPECTED, e);
        } catch (IOException e) {
            throw new FeedListException("cannot read feed list " + file + ": " + e, e);
        }
        if (entries == null) {
            return List.of();
        }
        List<FeedSubscription> feeds = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String where = "entry " + (i + 1);
            if (entry == null || entry.url() == null || entry.url().isBlank()) {
                throw new FeedListException("feed list " + file + ": " + where + " has no url; " + EXPECTED);
            }
            feeds.add(subscription(file, where, entry.url(), entry.title(), entry.publisher(), entry.pollInterval()));
        }
        return feeds;
    }

    private static List<FeedSubscription> readOpml(Path file, byte[] content) {
        Document document;
        try {
            document = secureDocumentBuilder().parse(new ByteArrayInputStream(content));
        } catch (SAXException e) {
            throw new FeedListException("feed list " + file + " is not valid OPML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedListException("cannot read feed list " + file + ": " + e, e);
        }
        if (!"opml".equals(document.getDocumentElement().getTagName())) {
            throw new FeedListException("feed list " + file + " is XML but not OPML: its root element is <"
                    + document.getDocumentElement().getTagName() + ">; " + EXPECTED);
        }
        List<FeedSubscription> feeds = new ArrayList<>();
        // Document order, nested outlines (folders of feeds) included.
        NodeList outlines = document.getElementsByTagName("outline");
        for (int i = 0; i < outlines.getLength(); i++) {
            Element outline = (Element) outlines.item(i);
            String url = outline.getAttribute("xmlUrl");
            if (url.isBlank()) {
                continue;
            }
            String title = outline.getAttribute("title").isBlank() ? outline.getAttribute("text") : outline.getAttribute("title");
            // Exporters (ours too) show an untitled feed by its URL, which is no title.
            String given = title.strip().equals(url.strip()) ? null : title;
            feeds.add(subscription(file, "outline \"" + title + "\"", url, given, outline.getAttribute("publisher"),
                    outline.getAttribute("pollInterval")));
        }
        return feeds;
    }

    private static FeedSubscription subscription(Path file, String where, String url, String title, String publisher,
                                                 String pollInterval) {
        try {
            ArticleId.normalise(url);
        } catch (IllegalArgumentException e) {
            throw new FeedListException("feed list " + file + ": " + where + " has url \"" + url
                    + "\", which is not an absolute http(s) URL");
        }
        Duration interval = null;
        if (pollInterval != null && !pollInterval.isBlank()) {
            try {
                interval = FeedSubscription.parseInterval(pollInterval);
            } catch (IllegalArgumentException e) {
                throw new FeedListException("feed list " + file + ": " + where + " has an invalid pollInterval: " + e.getMessage());
            }
        }
        return FeedSubscription.of(url, title, publisher, interval);
    }

    /** A DOM parser that refuses DOCTYPEs, so that no entity of the file can reach outside it. */
    private static DocumentBuilder secureDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Fatal errors throw; without a handler the JDK also prints them to stderr.
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature: " + e.getMessage(), e);
        }
    }
}
