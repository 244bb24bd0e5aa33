package org.tecoplatform.stage.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tecoplatform.api.Settings;

/** The page header: the run folder, the date, and the config keys that say what was trained on what. */
final class HeaderSection {

    /** Config keys shown, with their labels; absent ones show a dash. */
    private static final String[][] SHOWN = {
        {"pipeline.dataset", "Dataset"},
        {"pipeline.tokenizer", "Tokenizer"},
        {"pipeline.prior", "Prior"},
        {"pipeline.metrics", "Metrics"},
        {"seq_len", "Sequence length (seq_len)"},
        {"open_loop_ctx", "Context frames (open_loop_ctx)"},
    };

    private HeaderSection() {
    }

    static String render(Path runDir, Settings config, String date) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Run folder", runDir.toAbsolutePath().normalize().toString()});
        for (String[] k : SHOWN) {
            facts.add(new String[] {k[1], value(config, k[0])});
        }
        facts.add(new String[] {"Report written", date});
        String dataset = value(config, "pipeline.dataset");
        return "<h1>TECO run report</h1><p class=\"sub\">" + Html.escape(dataset + " · " + runDir.toAbsolutePath().normalize().getFileName())
                + "</p>" + HtmlReport.facts(facts);
    }

    /** A config value as text: lists as "a, b", numbers as written, absent as a dash. */
    static String value(Settings config, String key) {
        if (!config.has(key)) {
            return Numbers.NONE;
        }
        Object v = config.get(key);
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }
}
