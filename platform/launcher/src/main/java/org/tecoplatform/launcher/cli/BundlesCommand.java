package org.tecoplatform.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.tecoplatform.launcher.framework.BundleReport;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.launcher.natives.NativeBuilds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code teco bundles}: what is installed, and what failed and why. */
@Command(name = "bundles", mixinStandardHelpOptions = true,
        description = {"List the installed plugin bundles and their plugins (kind, name, bundle, version, state);",
            "bundles or plugins that failed are listed with their cause.",
            "",
            "Example:  teco bundles --bundles ~/my-plugins --json"},
        footer = {"", "Exit code 0 even when some bundles failed: the listing is the answer."})
final class BundlesCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<BundleReport> bundles;
        try (TecoRuntime rt = runtime.start(List.of())) {
            bundles = rt.bundles();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(bundles));
        } else {
            out.print(BundleTable.render(bundles));
            out.println();
            out.println("ND4J native build: " + NativeBuilds.describe());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
