package io.newsflow.deploy.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Kafka and Elasticsearch versions the build provides (from the parent pom, via a filtered resource). */
public record ServerVersions(String kafka, String elasticsearch) {

    private static final String RESOURCE = "versions.properties";

    public static ServerVersions bundled() {
        try (InputStream in = ServerVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + ServerVersions.class.getName()
                        + ": the deploy module was not built by Maven. Run ./mvnw -pl deploy package.");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new ServerVersions(properties.getProperty("kafka"), properties.getProperty("elasticsearch"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
