package io.newsflow.core.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Names the service in every log line ({@code service.name} in ECS), before the service logs anything. */
public final class ServiceLogging {

    /** The logback property {@code logback.xml} reads the service name from. */
    public static final String SERVICE_NAME = "newsflow.service.name";

    private ServiceLogging() {
    }

    /**
     * Configures logback again, from the same file, with {@link #SERVICE_NAME} set: logback configured itself when
     * the first logger was created, before any code could tell it the name.
     */
    public static void start(String serviceName) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding came first on the class path: it is configured its own way
        }
        context.reset();
        context.putProperty(SERVICE_NAME, serviceName);
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml cannot be loaded again to name " + serviceName + " in the logs", e);
        }
    }
}
