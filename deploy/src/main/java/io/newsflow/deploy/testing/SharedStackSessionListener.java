package io.newsflow.deploy.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the {@link SharedStack} when the JUnit launcher session ends: after the last test of the JVM, before Maven
 * reads the results, rather than in a shutdown hook. Registered in {@code META-INF/services}, so every test JVM that
 * has this module on its class path gets it.
 */
public final class SharedStackSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedStack.close();
    }
}
