package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportStageTest {

    @TempDir
    Path run;

    private final ReportStage stage = new ReportStage(Clock.fixed(Instant.parse("2026-11-25T01:30:00Z"), ZoneOffset.UTC));

    private String report(Map<String, Object> config) throws Exception {
        stage.run(new TestContext(config, run));
        return Files.readString(run.resolve("report/index.html"));
    }

    @Test
    void aCompleteRunGetsEverySection() throws Exception {
        byte[] gif = FakeRun.writeAll(run);
        String html = report(FakeRun.config());

        // Header: the config's names and the run folder.
        assertThat(html).contains("<dd>maze</dd>", "<dd>vqgan-onnx</dd>", "<dd>maskgit</dd>", "<dd>psnr, ssim</dd>", "<dd>16</dd>",
                "<dd>4</dd>", Html.escape(run.toAbsolutePath().normalize().toString()), "2026-11-25 01:30:00 Z");
        // Videos: the GIF itself, embedded, sized from its header (8x4 at 2x), with its legend.
        assertThat(html).contains("src=\"data:image/gif;base64," + Base64.getEncoder().encodeToString(gif) + "\"",
                "width=\"16\" height=\"8\"", "context frame", "generated frame",
                "<dd>samples_4 (no actions), samples_action_4 (actions given)</dd>");
        // One figure per sample set, each under its heading.
        assertThat(html).contains("Without actions (samples_4)", "With the test episodes' actions (samples_action_4)");
        assertThat(html.split("data:image/gif;base64,", -1)).hasSize(3);
        // The action set's still of chosen frames (a screenshot shows only a GIF's first frame), 1-based frame numbers.
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(2);
        assertThat(html).contains("width=\"24\" alt=\"chosen frames: real above generated\"", "columns are frames 4, 5, 8 of each video");
        // Training: four loss charts, the tokenizer's summary.
        assertThat(html).contains("Total loss (loss)", "Reconstruction loss (recon_loss)", "Prior (transition) loss (trans_loss)",
                "Commitment and codebook losses", "<td>Held-out PSNR (dB)</td><td>26.88</td>", "<td>Codebook size</td><td>1,024</td>");
        // Metrics: model and baseline as mean ± std, which is better, and a per-frame chart per metric.
        assertThat(html).contains("<td>psnr ↑</td><td>21.30 ± 0.41</td><td>19.02 ± 0.37</td><td>2.284</td><td>model</td>",
                "<td>ssim ↑</td><td>0.8123 ± 0.0031</td><td>0.70 ± 0.05</td>", "psnr per frame", "ssim per frame",
                "frame after the 4 context frames", "Baseline (copy last frame)");
        // Timing.
        assertThat(html).contains("<td>train</td><td>3.8 s</td><td>5.5 s</td><td>30 steps</td>", "24 generated frames/s",
                "<td>train_tokenizer</td><td>1 min 05 s</td>");
        assertThat(html).doesNotContain("class=\"missing\"");

        // Well-formed: balanced <svg> tags, and the whole page parses as XML.
        assertThat(Xml.count(html, "<svg ")).isEqualTo(6).isEqualTo(Xml.count(html, "</svg>"));
        Document d = Xml.parse(html);
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(6);
        // Self-contained: nothing is loaded from elsewhere (the SVG namespace is a name, not a fetch).
        assertThat(html).doesNotContain("NaN", "Infinity", "src=\"http", "href=", "url(", "@import");
    }

    @Test
    void anEmptyRunSaysWhatIsMissingInsteadOfFailing() throws Exception {
        String html = report(Map.of());
        assertThat(html).contains("No sampled videos: " + Html.escape(run.resolve("sample/samples.gif").toString()),
                "No sampling summary", "No loss curves", "No tokenizer training summary", "No metrics: ", "No timing from",
                "<td>missing</td>");
        assertThat(html).doesNotContain("<img", "<svg ");
        Xml.parse(html);
    }

    @Test
    void learnedMetricsGetTheirCurveAgainstTheBaselineAndTheWholeSetScoresTheirIntervals() throws Exception {
        FakeRun.writeEvalWithLearnedMetrics(run);
        String html = report(FakeRun.config());
        // LPIPS: lower is better, so the model's lower mean wins; its curve has the baseline beside it.
        assertThat(html).contains("<td>lpips ↓</td><td>0.12 ± 0.02</td><td>0.23 ± 0.03</td><td>-0.1111</td><td>model</td>",
                "lpips per frame");
        // FVD and KVD of each folder, model and baseline, with their intervals; KVD overlaps.
        assertThat(html).contains("<h4>Whole set</h4>", "Score", "Model CI",
                "<td>fvd ↓</td><td>123.5</td><td>[110.3, 140.5]</td><td>456.8</td><td>[400.5, 520.3]</td><td>-333.3</td><td>model</td>",
                "<td>kvd ↓</td><td>1.230e-04</td><td>[-4.000e-04, 9.000e-04]</td><td>5.000e-04</td>",
                "<td>model (intervals overlap)</td>",
                "32 videos, as scripts/compute_fvd.py computes them", "95% percentile bootstrap, 100 resamples", "seed 7");
        assertThat(html.split("<h4>Whole set</h4>", -1)).hasSize(3);
        // Two folders x (psnr, lpips) curves, none for the set scores.
        assertThat(Xml.count(html, "<svg ")).isEqualTo(4).isEqualTo(Xml.count(html, "</svg>"));
        assertThat(html).doesNotContain("fvd per frame", "NaN", "Infinity");
        Xml.parse(html);
    }

    @Test
    void onlyEvalGivesMetricsAndSaysTheRestIsMissing() throws Exception {
        FakeRun.writeEval(run);
        String html = report(FakeRun.config());
        assertThat(html).contains("21.30 ± 0.41", "No sampled videos", "No loss curves");
        assertThat(Xml.count(html, "<svg ")).isEqualTo(2).isEqualTo(Xml.count(html, "</svg>"));
        Xml.parse(html);
    }

    @Test
    void brokenInputsAreReportedOnThePage() throws Exception {
        Files.createDirectories(run.resolve("eval"));
        Files.writeString(run.resolve("eval/eval.json"), "{not json");
        Files.createDirectories(run.resolve("train"));
        Files.writeString(run.resolve("train/metrics.csv"), "step,loss\n");
        String html = report(FakeRun.config());
        assertThat(html).contains("Could not read " + Html.escape(run.resolve("eval/eval.json").toString()), "has no rows");
        Xml.parse(html);
    }

    @Test
    void aGifOverTheLimitIsNotEmbedded() throws Exception {
        FakeRun.writeAll(run);
        Map<String, Object> config = new java.util.LinkedHashMap<>(FakeRun.config());
        config.put("report", Map.of("max_gif_mb", 0.00001));
        String html = report(config);
        assertThat(html).doesNotContain("data:image/gif").contains("report.max_gif_mb");
    }

    @Test
    void readsTheGifWhereSampleOutPutIt(@TempDir Path elsewhere) throws Exception {
        byte[] gif = FakeRun.writeAll(run);
        Path moved = elsewhere.resolve("sample");
        Files.createDirectories(moved);
        Files.move(run.resolve("sample/samples.gif"), moved.resolve("samples.gif"));
        Files.move(run.resolve("sample/samples_action.gif"), moved.resolve("samples_action.gif"));
        Files.move(run.resolve("sample/samples_action_strip.png"), moved.resolve("samples_action_strip.png"));
        Files.move(run.resolve("sample/sample.json"), moved.resolve("sample.json"));
        Map<String, Object> config = new java.util.LinkedHashMap<>(FakeRun.config());
        config.put("sample", Map.of("out", moved.toString()));
        String html = report(config);
        assertThat(html).contains(Base64.getEncoder().encodeToString(gif), "24 generated frames/s").doesNotContain("class=\"missing\"");
    }

    @Test
    void needsSampleAndEvalAndDeclaresItsOption() {
        assertThat(stage.needs(null)).containsExactlyInAnyOrder("sample", "eval");
        assertThat(stage.options()).extracting(o -> o.key()).containsExactly("max_gif_mb");
    }
}
