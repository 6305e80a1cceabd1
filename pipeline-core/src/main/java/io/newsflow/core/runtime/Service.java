package io.newsflow.core.runtime;

/** A long-running pipeline service: started once, closed once on shutdown. */
public interface Service extends AutoCloseable {

    /** Starts the service's work on its own threads and returns. Throws if the service cannot start. */
    void start();

    /** Stops the work, finishing or abandoning in-flight records so that nothing is lost or committed twice. */
    @Override
    void close();
}
