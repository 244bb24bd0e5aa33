package org.tecoplatform.launcher.framework;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The packages of the launcher's class path that bundles may import: the SPI, SLF4J, ND4J,
 * ONNX Runtime, Arrow... one shared copy for every bundle. A jar with an OSGi
 * {@code Export-Package} header contributes exactly those packages with their versions (so
 * bundles built with bnd get matching version ranges); any other jar contributes every
 * package it holds classes in, unversioned.
 */
public final class SystemPackages {

    private SystemPackages() {
    }

    /** The value for {@code org.osgi.framework.system.packages.extra}. */
    public static String forClassPath(List<Path> classPath) throws IOException {
        // A package may be exported at several versions (slf4j-api 2 also exports org.slf4j as 1.7.36).
        TreeMap<String, TreeSet<String>> packages = new TreeMap<>();
        for (Path entry : classPath) {
            if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar") && !isFramework(entry)) {
                collect(entry, packages);
            } else if (Files.isDirectory(entry)) {
                collectDirectory(entry, packages);
            }
        }
        List<String> clauses = new ArrayList<>();
        packages.forEach((pkg, versions) -> {
            versions.stream().filter(v -> !v.isEmpty()).forEach(v -> clauses.add(pkg + ";version=\"" + v + "\""));
            if (versions.stream().allMatch(String::isEmpty)) {
                clauses.add(pkg);
            }
        });
        return String.join(",", clauses);
    }

    /**
     * The JVM's class path as paths, including the jars that class-path jars name in their
     * manifest's {@code Class-Path} (bin/teco starts with only the launcher jar, which names the rest).
     */
    public static List<Path> jvmClassPath() {
        java.util.LinkedHashSet<Path> out = new java.util.LinkedHashSet<>();
        for (String p : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) {
                addWithManifestClassPath(Path.of(p).toAbsolutePath().normalize(), out);
            }
        }
        return new ArrayList<>(out);
    }

    private static void addWithManifestClassPath(Path entry, java.util.Set<Path> out) {
        if (!out.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        String classPath;
        try (JarFile jf = new JarFile(entry.toFile(), false)) {
            Manifest mf = jf.getManifest();
            classPath = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            return;
        }
        if (classPath == null) {
            return;
        }
        for (String rel : classPath.trim().split("\\s+")) {
            Path p = entry.getParent().resolve(rel).normalize();
            if (Files.exists(p)) {
                addWithManifestClassPath(p, out);
            }
        }
    }

    private static boolean isFramework(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("org.apache.felix.framework");
    }

    private static void collect(Path jar, TreeMap<String, TreeSet<String>> packages) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            Manifest mf = jf.getManifest();
            String exports = mf == null ? null : mf.getMainAttributes().getValue("Export-Package");
            if (exports != null && !exports.isBlank()) {
                for (String clause : splitClauses(exports)) {
                    addClause(clause, packages);
                }
                return;
            }
            boolean multiRelease = mf != null && "true".equalsIgnoreCase(mf.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
            for (Enumeration<? extends ZipEntry> e = jf.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && name.indexOf('/') > 0) {
                    unversioned(packages, name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                } else if (multiRelease && name.startsWith("META-INF/versions/") && name.endsWith(".class")) {
                    String rest = name.substring(name.indexOf('/', "META-INF/versions/".length()) + 1);
                    if (rest.indexOf('/') > 0) {
                        unversioned(packages, rest.substring(0, rest.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            }
        }
        packages.remove("module-info");
    }

    private static void collectDirectory(Path dir, TreeMap<String, TreeSet<String>> packages) throws IOException {
        Path mfFile = dir.resolve("META-INF/MANIFEST.MF");
        if (Files.isRegularFile(mfFile)) {
            try (var in = Files.newInputStream(mfFile)) {
                String exports = new Manifest(in).getMainAttributes().getValue("Export-Package");
                if (exports != null && !exports.isBlank()) {
                    splitClauses(exports).forEach(c -> addClause(c, packages));
                    return;
                }
            }
        }
        try (var files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class")).map(dir::relativize)
                    .filter(r -> r.getParent() != null && !r.startsWith("META-INF"))
                    .forEach(r -> unversioned(packages, r.getParent().toString().replace(java.io.File.separatorChar, '.')));
        }
    }

    /** One Export-Package clause: "a.b;c.d;version=1.2;uses:=..." exports a.b and c.d at 1.2. */
    private static void addClause(String clause, TreeMap<String, TreeSet<String>> packages) {
        String version = "";
        List<String> names = new ArrayList<>();
        for (String part : splitTop(clause, ';')) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                names.add(p);
            } else if (p.substring(0, eq).trim().equals("version")) {
                version = p.substring(eq + 1).trim().replace("\"", "");
            }
        }
        for (String n : names) {
            if (!n.isEmpty() && !SKIPPED.contains(n)) {
                packages.computeIfAbsent(n, k -> new TreeSet<>()).add(version);
            }
        }
    }

    private static void unversioned(TreeMap<String, TreeSet<String>> packages, String pkg) {
        packages.computeIfAbsent(pkg, k -> new TreeSet<>()).add("");
    }

    /** Packages the framework itself provides. */
    private static final Set<String> SKIPPED = Set.of("org.osgi.framework", "org.osgi.dto", "org.osgi.resource");

    static List<String> splitClauses(String header) {
        return splitTop(header, ',');
    }

    /** Splits on {@code sep} outside double quotes. */
    private static List<String> splitTop(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }
}
