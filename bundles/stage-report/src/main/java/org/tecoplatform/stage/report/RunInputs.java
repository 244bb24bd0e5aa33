package org.tecoplatform.stage.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tecoplatform.api.StageContext;

/**
 * Every file the report reads, by the stage that writes it. Each one is optional: the page says
 * which are missing instead of failing.
 *
 * @param metricsCsv     {@code train/metrics.csv}: one row per log interval of TECO training
 * @param trainJson      {@code train/train.json}: steps, seconds of TECO training
 * @param tokenizerJson  {@code train_tokenizer/train_tokenizer.json}: the tokenizer's training summary
 * @param samplesGif     {@code sample/samples.gif} (or under {@code sample.out}): real and generated videos side by side
 * @param sampleJson     {@code sample/sample.json} (or under {@code sample.out}): videos, frames, sampling speed
 * @param evalJson       {@code eval/eval.json}: metrics of the model and of the copy-last-frame baseline
 */
record RunInputs(Path metricsCsv, Path trainJson, Path tokenizerJson, Path samplesGif, Path sampleJson, Path evalJson) {

    static final String TRAIN = "train";
    static final String TRAIN_TOKENIZER = "train_tokenizer";
    static final String SAMPLE = "sample";
    static final String EVAL = "eval";

    /** One input and the stage that writes it, for the list at the end of the page. */
    record Input(String stage, Path file) {
        boolean present() {
            return Files.isRegularFile(file);
        }
    }

    static RunInputs of(StageContext context) {
        Path train = context.stageDir(TRAIN);
        Path sample = sampleDir(context);
        return new RunInputs(train.resolve("metrics.csv"), train.resolve("train.json"),
                context.stageDir(TRAIN_TOKENIZER).resolve("train_tokenizer.json"), sample.resolve("samples.gif"),
                sample.resolve("sample.json"), context.stageDir(EVAL).resolve("eval.json"));
    }

    /**
     * Where the sample stage wrote its GIF and summary: {@code sample.out} when the config sets it
     * (resolved as the sample and eval stages resolve it), else {@code <run>/sample}.
     */
    static Path sampleDir(StageContext context) {
        String out = context.config().getString(SAMPLE + ".out", "");
        return out.isEmpty() ? context.stageDir(SAMPLE) : Path.of(out).toAbsolutePath().normalize();
    }

    List<Input> all() {
        return List.of(new Input(TRAIN_TOKENIZER, tokenizerJson), new Input(TRAIN, metricsCsv), new Input(TRAIN, trainJson),
                new Input(SAMPLE, samplesGif), new Input(SAMPLE, sampleJson), new Input(EVAL, evalJson));
    }
}
