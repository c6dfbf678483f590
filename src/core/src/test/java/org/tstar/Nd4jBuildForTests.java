package org.tstar;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.tstar.model.Nd4jNativeBuild;

/**
 * Chooses the ND4J native build for a test JVM before any test loads ND4J, as {@code bin/tstar} does for a user's:
 * tests train on the build a user's run would, and never on whatever build JavaCPP finds first. Registered in
 * META-INF/services, which the Spark module's tests see through this module's test jar.
 */
public final class Nd4jBuildForTests implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Nd4jNativeBuild.selectBeforeNd4jLoads();
    }
}
