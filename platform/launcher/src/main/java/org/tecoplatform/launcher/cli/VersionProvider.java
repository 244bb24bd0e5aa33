package org.tecoplatform.launcher.cli;

import org.osgi.framework.launch.FrameworkFactory;
import picocli.CommandLine.IVersionProvider;

/** {@code teco --version}: the platform's version and what it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TecoCommand.class.getPackage().getImplementationVersion();
        String felix = FrameworkFactory.class.getPackage() == null ? null
                : org.apache.felix.framework.Felix.class.getPackage().getImplementationVersion();
        return new String[] {
            "teco " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            "Apache Felix " + (felix == null ? "?" : felix)};
    }
}
