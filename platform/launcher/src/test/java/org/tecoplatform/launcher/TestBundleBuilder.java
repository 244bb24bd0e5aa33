package org.tecoplatform.launcher;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin bundle the way a team outside this repository would: javac against the
 * platform's jars, then bnd for the manifest and the DS descriptors from the annotations.
 */
public final class TestBundleBuilder {

    private TestBundleBuilder() {
    }

    /**
     * Compiles {@code sources} (class name to source text) and packs them as bundle
     * {@code symbolicName} 1.2.3 into {@code outFolder}; returns the jar.
     */
    public static Path build(Path work, String symbolicName, Map<String, String> sources, Path outFolder)
            throws Exception {
        return build(work, symbolicName, sources, outFolder, Map.of());
    }

    /** As {@link #build(Path, String, Map, Path)} with extra bnd instructions (e.g. Bundle-Activator). */
    public static Path build(Path work, String symbolicName, Map<String, String> sources, Path outFolder,
                             Map<String, String> instructions) throws Exception {
        Path src = Files.createDirectories(work.resolve(symbolicName + "-src"));
        Path classes = Files.createDirectories(work.resolve(symbolicName + "-classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            files.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none",
                "-cp", System.getProperty("java.class.path")));
        args.addAll(files);
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed for " + symbolicName);
        }
        Files.createDirectories(outFolder);
        Path jarFile = outFolder.resolve(symbolicName + "-1.2.3.jar");
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", symbolicName);
            b.setProperty("Bundle-Version", "1.2.3");
            b.setProperty("-includeresource", "");
            b.setProperty("-privatepackage", packagesOf(sources));
            b.setProperty("-dsannotations", "*");
            b.setProperty("-noimportjava", "true");
            instructions.forEach(b::setProperty);
            b.addClasspath(classes.toFile());
            for (String cp : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (cp.endsWith(".jar")) {
                    b.addClasspath(new File(cp));
                }
            }
            Jar jar = b.build();
            if (!b.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd errors for " + symbolicName + ": " + b.getErrors());
            }
            jar.write(jarFile.toFile());
        }
        return jarFile;
    }

    private static String packagesOf(Map<String, String> sources) {
        return String.join(",", sources.keySet().stream().map(c -> c.substring(0, c.lastIndexOf('.'))).distinct().toList());
    }

    /** The Java sources under {@code root} as class name to text (plugin sources Maven does not compile). */
    public static Map<String, String> sourcesIn(Path root) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(f).toString();
                out.put(rel.substring(0, rel.length() - 5).replace(File.separatorChar, '.'),
                        Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
