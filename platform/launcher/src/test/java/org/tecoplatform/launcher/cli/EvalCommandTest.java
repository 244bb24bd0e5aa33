package org.tecoplatform.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.launcher.CliTestSupport.Result;
import org.tecoplatform.launcher.TestBundleBuilder;
import org.tecoplatform.npz.NpzReader;
import picocli.CommandLine;

/**
 * {@code teco eval} over Felix with the psnr/ssim bundle built from bundles/metrics-image's sources
 * (javac + bnd, as the distribution's jar is), on a samples folder numpy wrote
 * (tools/fixtures/make_metric_fixtures.py), checked against numpy's scores of it. The command is run
 * as its own command line with Main's exit-code mapping, until the root command lists it.
 */
class EvalCommandTest {

    @TempDir
    static Path work;

    static Path plugins;

    static final Path FIXTURES = Path.of("../../bundles/metrics-image/src/test/resources/metric-fixtures")
            .toAbsolutePath().normalize();

    @BeforeAll
    static void buildMetricsBundle() throws Exception {
        plugins = work.resolve("plugins");
        System.setProperty("teco.bundles", Files.createDirectories(work.resolve("no-default-bundles")).toString());
        TestBundleBuilder.build(work, "org.tecoplatform.metrics-image",
                TestBundleBuilder.sourcesIn(Path.of("../../bundles/metrics-image/src/main/java")), plugins);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("teco.bundles");
    }

    /** Runs {@code teco eval args} with the bundle folder, mapping failures to exit codes as Main does. */
    static Result eval(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("error: " + e.getMessage());
            return Failures.of(e).exitCode();
        });
        cli.setParameterExceptionHandler((e, given) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        });
        String[] all = Stream.concat(Arrays.stream(args), Stream.of("--bundles", plugins.toString())).toArray(String[]::new);
        int rc = cli.execute(all);
        return new Result(rc, out.toString(), err.toString());
    }

    @Test
    void scoresNumpySamplesAsNumpyDoes() throws Exception {
        Path json = work.resolve("eval.json");
        Path csv = work.resolve("t.csv");
        Result r = eval(FIXTURES.resolve("samples_2").toString(), "--baseline", "--json", json.toString(), "--table", csv.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("samples_2: 4 videos of 5 frames 16x16, 2 context frames (frames 2..4 scored)")
                .containsPattern("(?m)^metric +model +copy_last_frame$").containsPattern("(?m)^psnr +20\\.\\d{4} \\+/- 0\\.\\d{4} +22\\.")
                .containsPattern("(?m)^ssim +0\\.9\\d{3} \\+/- ");
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        try (NpzReader expected = NpzReader.open(FIXTURES.resolve("samples_2-expected.npz"))) {
            for (String m : new String[] {"psnr", "ssim"}) {
                assertThat(s.at("/metrics/" + m + "/mean").asDouble()).isCloseTo(mean(expected.read(m).toDoubles()), within(1e-5));
                assertThat(s.at("/baseline/metrics/" + m + "/mean").asDouble())
                        .isCloseTo(mean(expected.read("baseline_" + m).toDoubles()), within(1e-5));
            }
        }
        assertThat(Files.readAllLines(csv)).hasSize(1 + 4 * 3 * 2 * 2);
    }

    @Test
    void contextAndMetricsCanBeGivenAndTheTableWrittenAsArrow() throws Exception {
        Path json = work.resolve("ctx3.json");
        Path arrow = work.resolve("t.arrow");
        Result r = eval(FIXTURES.resolve("samples_2").toString(), "--metrics", "psnr", "--context", "3", "--json",
                json.toString(), "--table", arrow.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.get("context_frames").asInt()).isEqualTo(3);
        assertThat(s.get("metrics").fieldNames()).toIterable().containsExactly("psnr");
        assertThat(s.has("baseline")).isFalse();
        assertThat(s.at("/metrics/psnr/per_frame").size()).isEqualTo(2);
        assertThat(arrow).isNotEmptyFile();
    }

    @Test
    void badInputExitsTwoNamingTheProblem() throws Exception {
        Path samples = FIXTURES.resolve("samples_2");
        Result unknown = eval(samples.toString(), "--metrics", "psnr,lpips");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no bundle provides metric 'lpips'; installed metrics: psnr, ssim");

        Path unnamed = Files.createDirectories(work.resolve("my-videos"));
        Files.copy(samples.resolve("data_0.npz"), unnamed.resolve("data_0.npz"));
        Result noContext = eval(unnamed.toString());
        assertThat(noContext.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noContext.err()).contains("does not give the context length");

        Result missing = eval(work.resolve("absent").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("not a folder");

        Result table = eval(samples.toString(), "--table", work.resolve("t.txt").toString());
        assertThat(table.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(table.err()).contains("expected a file name ending in .csv or .arrow");

        Result tooLong = eval(samples.toString(), "--context", "5");
        assertThat(tooLong.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooLong.err()).contains("leave no frame to score");
    }

    @Test
    void helpShowsAnExample() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Example:  teco eval runs/dmlab/sample/samples_36 --baseline", "--metrics",
                "--context", "--table");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void setOptionsReachModelMetricsRelativeToTheWorkingDirectory() {
        EvalCommand c = new EvalCommand();
        c.overrides = List.of("lpips.model=models/lpips", "fvd.bootstrap=5");
        var settings = c.settings();
        assertThat(settings.getPath("lpips.model")).isEqualTo(Path.of("models/lpips").toAbsolutePath());
        assertThat(settings.section("fvd").getInt("bootstrap")).isEqualTo(5);
        c.overrides = List.of("lpips.model");
        assertThatThrownBy(c::settings).isInstanceOf(org.tecoplatform.api.BadInputException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void setScoresArePrintedWithTheirChunksAndInterval() {
        var fvd = new org.tecoplatform.data.eval.SetStats(123.4567, 2.5, 2, 256, 512, 110.0, 130.5, 0.95, 100, 42, false);
        var base = new org.tecoplatform.data.eval.SetStats(300.0, 0, 1, 256, 512, Double.NaN, Double.NaN, 0.95, 0, 42, false);
        var s = new org.tecoplatform.data.eval.EvalSummary("samples_36", 36, 38, 64, 64, 3, 512, 2, 0, java.util.Map.of(),
                new org.tecoplatform.data.eval.EvalSummary.Baseline("copy_last_frame", java.util.Map.of(),
                        java.util.Map.of("fvd", base)), java.util.Map.of("fvd", fvd));
        String text = EvalCommand.describe(s);
        assertThat(text).contains("fvd        123.4567 +/- 2.5000     300.0000 +/- 0.0000",
                "(2 chunks of up to 256 videos; 95% bootstrap CI [110.0000, 130.5000], 100 resamples, seed 42)");
    }

    @Test
    void tinySetScoresAreNotPrintedAsZero() {
        // A random-weight I3D's FVD (7.4e-13) and a typical KVD (2.5e-4) printed as 0.0000 with %.4f.
        var fvd = new org.tecoplatform.data.eval.SetStats(7.41207e-13, 0, 1, 256, 16, 1.5e-13, 2.25e-12, 0.95, 100, 0, false);
        var kvd = new org.tecoplatform.data.eval.SetStats(2.5e-4, 1e-5, 1, 256, 16, -1e-4, 6e-4, 0.95, 100, 0, false);
        var s = new org.tecoplatform.data.eval.EvalSummary("samples_36", 36, 38, 64, 64, 3, 16, 2, 0, java.util.Map.of(),
                null, new java.util.LinkedHashMap<>(java.util.Map.of("fvd", fvd, "kvd", kvd)));
        String text = EvalCommand.describe(s);
        assertThat(text).contains("7.412e-13 +/- 0.0000", "CI [1.500e-13, 2.250e-12]", "0.0002500 +/- 1.000e-05",
                "CI [-0.0001000, 0.0006000]").doesNotContain("0.0000 +/- 0.0000");
        assertThat(EvalCommand.number(12.5)).isEqualTo("12.5000");
        assertThat(EvalCommand.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void revisitingFramesGetTheirOwnLines() {
        var r = new org.tecoplatform.data.eval.RevisitStats(25, 2,
                java.util.Map.of("psnr", new org.tecoplatform.data.eval.RevisitStats.Mean(15.125, 0, 15.125)),
                java.util.Map.of("psnr", new org.tecoplatform.data.eval.RevisitStats.Mean(Double.POSITIVE_INFINITY, 1, 17.3082)));
        var s = new org.tecoplatform.data.eval.EvalSummary("samples_12", 12, 46, 64, 64, 3, 2, 1, 0, java.util.Map.of(), null,
                java.util.Map.of(), r);
        assertThat(EvalCommand.describe(s)).contains("revisiting frames (real view repeats a context frame): 25 in 2 videos, means",
                "psnr       15.1250                 Infinity (1 non-finite frames; 17.3082 over the rest)");
    }
}
