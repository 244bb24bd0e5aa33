package org.tecoplatform.stage.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.MapPluginCatalog;
import org.tecoplatform.pipeline.run.DefaultStageContext;
import org.tecoplatform.pipeline.run.ProgressFactory;

/** The pipeline's own stage context for the report stage; the report uses no plugins, so the catalog is empty. */
final class TestContext extends DefaultStageContext {

    TestContext(Map<String, Object> config, Path runDir) {
        super(ReportStage.NAME, ResolvedConfig.of(ConfigSettings.of(config, runDir)), new MapPluginCatalog(), runDir, false,
                ProgressFactory.silent());
        try {
            Files.createDirectories(stageDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
