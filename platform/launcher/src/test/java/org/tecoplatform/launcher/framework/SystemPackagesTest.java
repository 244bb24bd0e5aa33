package org.tecoplatform.launcher.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPackagesTest {

    @TempDir
    Path dir;

    private Path jar(String name, String exportPackage, String... entries) throws Exception {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (exportPackage != null) {
            mf.getMainAttributes().putValue("Export-Package", exportPackage);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            for (String e : entries) {
                j.putNextEntry(new JarEntry(e));
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void osgiJarsKeepTheirExportVersionsOthersExportWhatTheyHold() throws Exception {
        Path slf4jLike = jar("api.jar",
                "org.slf4j;uses:=\"org.slf4j.event,org.slf4j.spi\";version=\"2.0.17\",org.slf4j.event;version=\"2.0.17\","
                        + "org.slf4j;version=\"1.7.36\"",
                "org/slf4j/Logger.class", "org/slf4j/internal/Hidden.class");
        Path plain = jar("plain.jar", null, "ai/onnxruntime/OrtSession.class", "ai/onnxruntime/providers/X.class",
                "META-INF/versions/11/ai/onnxruntime/Y.class", "native/lib.so");
        Path felix = jar("org.apache.felix.framework-7.0.5.jar", "org.osgi.framework;version=\"1.10\"");

        String packages = SystemPackages.forClassPath(List.of(slf4jLike, plain, felix));

        assertThat(packages.split(",")).containsExactly(
                "ai.onnxruntime", "ai.onnxruntime.providers",
                "org.slf4j;version=\"1.7.36\"", "org.slf4j;version=\"2.0.17\"", "org.slf4j.event;version=\"2.0.17\"");
    }

    @Test
    void manifestClassPathEntriesAreFollowed() throws Exception {
        Path dep = jar("dep.jar", null, "com/example/dep/Dep.class");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, "dep.jar missing.jar");
        Path launcher = dir.resolve("launcher.jar");
        try (OutputStream out = Files.newOutputStream(launcher); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry("com/example/launcher/Main.class"));
            j.closeEntry();
        }
        String original = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", launcher.toString());
            assertThat(SystemPackages.jvmClassPath()).containsExactly(launcher, dep);
        } finally {
            System.setProperty("java.class.path", original);
        }
    }
}
