package io.newsflow.core.runtime;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** A long-running pipeline service: started once, closed once on shutdown. */
public interface Service extends AutoCloseable {

    /** Starts the service's work on its own threads and returns. Throws if the service cannot start. */
    void start();

    /**
     * Completes with the cause once the service has stopped working on its own and cannot recover (its work thread
     * died, its stream client shut down): the process should then exit so that it is restarted. Never completes
     * when the service is closed normally.
     */
    CompletionStage<Throwable> failure();

    /**
     * Whether the service can do its work now (connected to Kafka, its other servers reachable), one check per
     * dependency; the service is ready when every check is up. Called from the health endpoint's threads at any time,
     * also before {@link #start()} has returned and after {@link #close()}: a check must then say down, not throw.
     * It must answer within a few seconds.
     */
    List<HealthCheck> readiness();

    /** Stops the work, finishing or abandoning in-flight records so that nothing is lost or committed twice. */
    @Override
    void close();
}
