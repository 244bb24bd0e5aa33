package org.tecoplatform.launcher.cli;

import java.io.File;
import java.util.jar.JarFile;
import org.tecoplatform.launcher.natives.NativeBuilds;
import picocli.CommandLine.IVersionProvider;

/** {@code teco --version}: the platform's version and what it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TecoCommand.class.getPackage().getImplementationVersion();
        String felix = felixVersion();
        return new String[] {
            "teco " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            "Apache Felix " + felix,
            "ND4J native build " + NativeBuilds.describe()};
    }

    /** Felix's jar carries its version only as Bundle-Version. */
    private static String felixVersion() {
        try {
            var location = org.apache.felix.framework.Felix.class.getProtectionDomain().getCodeSource().getLocation();
            try (JarFile jar = new JarFile(new File(location.toURI()))) {
                return jar.getManifest().getMainAttributes().getValue("Bundle-Version");
            }
        } catch (Exception e) {
            return "(unknown)";
        }
    }
}
