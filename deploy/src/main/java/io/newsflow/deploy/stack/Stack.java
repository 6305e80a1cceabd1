package io.newsflow.deploy.stack;

import java.net.URI;

/**
 * A running Kafka broker and Elasticsearch node for the pipeline: the local run and the integration tests
 * talk to them through this interface only, whichever backend started them.
 */
public interface Stack extends AutoCloseable {

    /** Where Kafka clients connect, {@code host:port}, e.g. {@code 127.0.0.1:9092}. */
    String kafkaBootstrapServers();

    /** The Elasticsearch HTTP endpoint, e.g. {@code http://127.0.0.1:9200}. */
    URI elasticsearchUrl();

    /** Stops both servers; their data stays where the stack keeps it. */
    @Override
    void close();
}
