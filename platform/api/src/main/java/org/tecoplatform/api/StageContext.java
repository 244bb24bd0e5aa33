package org.tecoplatform.api;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What the pipeline runner hands a {@link Stage}: the config, its folders and the plugins. */
@ProviderType
public interface StageContext {

    String stageName();

    /** The whole resolved config. */
    Settings config();

    /** The run's output folder. */
    Path runDir();

    /** This stage's output folder ({@code runDir/<stage>}), created before {@link Stage#run}. */
    Path stageDir();

    /** Another stage's output folder, for reading what an earlier stage wrote. */
    Path stageDir(String stage);

    /** Whether the user asked to redo finished work ({@code --force}). */
    boolean forced();

    /** The plugin of the given kind and name; a {@link BadInputException} lists the installed names if absent. */
    <T> T plugin(Class<T> spi, String name);

    /** The dataset named by {@code pipeline.dataset}. */
    DatasetReader dataset();

    /** The tokenizer named by {@code pipeline.tokenizer}. */
    Tokenizer tokenizer();

    /** The prior named by {@code pipeline.prior}. */
    Prior prior();

    /** The metrics named by {@code pipeline.metrics}. */
    List<Metric> metrics();

    /** A progress display for long work; close it when done. */
    Progress progress(String task, long total, String unit);
}
