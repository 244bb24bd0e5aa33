package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.ModelDescription;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.RawConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code teco model summary}: parameter counts per component of the model a config describes,
 * without building or training it. The tokenizer's shapes come from {@code vqvae_ckpt} when the
 * config names one, otherwise from the flags (defaults: the original DMLab VQ-GAN, 16×16 codes
 * of 64 channels out of 1024).
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print the parameter count of each component of the config's model (the train stage's),",
            "for the tokenizer the config names (vqvae_ckpt) or the one the flags describe.",
            "",
            "Example:  teco model summary configs/dmlab.yaml",
            "          teco model summary configs/quickstart.yaml --vq-codes 512 --vq-dim 64"})
final class ModelSummaryCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--stage", paramLabel = "NAME", defaultValue = "train",
            description = "The training stage whose model to describe (default: ${DEFAULT-VALUE}).")
    String stage;

    @Mixin
    TokenizerShapeOptions tokenizer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RawConfig raw = config.load();
        try (TecoRuntime rt = runtime.start(ConfigOptions.bundleFolders(raw))) {
            Settings settings = ConfigValidator.resolve(raw, rt.catalog()).settings();
            Stage train = rt.catalog().require(PluginKind.STAGE, Stage.class, stage);
            if (!(train instanceof ModelDescription model)) {
                throw new BadInputException("stage '" + stage + "' does not describe a model (it is not a training stage)");
            }
            String priorName = settings.getString("pipeline.prior", "maskgit");
            Prior prior = rt.catalog().require(PluginKind.PRIOR, Prior.class, priorName);
            TokenizerInfo vq = tokenizer.resolve(rt, settings);
            LinkedHashMap<String, Long> counts = model.parameterCounts(settings, vq, prior);
            print(spec.commandLine().getOut(), counts, vq, priorName);
        }
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, Map<String, Long> counts, TokenizerInfo vq, String prior) {
        out.printf(Locale.ROOT, "Tokenizer: %d codes of %d channels, %dx%d per frame; prior: %s%n", vq.codes(), vq.embeddingDim(),
                vq.latentHeight(), vq.latentWidth(), prior);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.printf(Locale.ROOT, "  %-24s %,14d  %8.2f M%n", e.getKey(), e.getValue(), e.getValue() / 1e6);
        }
        out.printf(Locale.ROOT, "  %-24s %,14d  %8.2f M%n", "total", total, total / 1e6);
        out.flush();
    }
}
