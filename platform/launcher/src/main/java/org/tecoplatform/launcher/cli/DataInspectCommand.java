package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tecoplatform.data.export.DatasetSummary;
import org.tecoplatform.launcher.framework.TecoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teco data inspect}: what a dataset folder holds, and what is wrong with it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read every episode of a dataset folder through a dataset plugin and report splits, episodes,",
            "frames, resolution, the action histogram and the problems found. Exit code 2 names the first bad file;",
            "with --skip-bad, bad files are listed as problems and left out instead.",
            "",
            "Example:  teco data inspect --dataset dmlab --path /data/dmlab --json"})
final class DataInspectCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset plugin (teco bundles lists them).")
    String dataset;

    @Option(names = "--path", paramLabel = "DIR", description = "Dataset root ({train,test}/...); becomes data_path.")
    Path path;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--skip-bad", description = "List bad files as problems instead of failing on the first (sets <dataset>.on_bad_file: skip).")
    boolean skipBad;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any config value, e.g. --set dmlab.episode_length=0.")
    List<String> overrides = new java.util.ArrayList<>();

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        if (path != null) {
            values.put("data_path", path.toAbsolutePath().normalize().toString());
        }
        if (skipBad) {
            values.put(dataset + ".on_bad_file", "skip");
        }
        DatasetSummary summary;
        try (TecoRuntime rt = runtime.start(List.of())) {
            summary = DatasetRun.of(rt, dataset, values, overrides).read(Path.of("."), false, false);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? summary.toJson() + "\n" : summary.describe());
        out.flush();
        return ExitCodes.OK;
    }
}
