package org.tecoplatform.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.launcher.framework.BundleReport;
import org.tecoplatform.launcher.framework.BundleReport.PluginReport;

/** The plain-text table of {@code teco bundles}. */
final class BundleTable {

    private BundleTable() {
    }

    static String render(List<BundleReport> bundles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "BUNDLE", "VERSION", "STATE"});
        List<String> problems = new ArrayList<>();
        for (BundleReport b : bundles) {
            if (b.plugins().isEmpty()) {
                rows.add(new String[] {"-", "-", b.symbolicName(), b.version(), b.state()});
            }
            for (PluginReport p : b.plugins()) {
                rows.add(new String[] {p.kind(), p.name(), b.symbolicName(), b.version(), p.state()});
                if (!p.cause().isEmpty()) {
                    problems.add(p.kind() + " " + p.name() + " (" + b.symbolicName() + "): " + p.cause());
                }
            }
            if (!b.cause().isEmpty()) {
                problems.add(b.symbolicName() + ": " + b.cause());
            }
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            out.append('\n');
        }
        if (bundles.isEmpty()) {
            out.append("(no plugin bundles installed)\n");
        }
        if (!problems.isEmpty()) {
            out.append("\nProblems:\n");
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }
}
