package org.tecoplatform.stage.report;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;

/**
 * The {@code report} stage: {@code <run>/report/index.html}, one self-contained page of the run
 * (inline CSS and SVG, the sample GIF as a data URI) with the config, the sampled videos, the
 * loss curves, the metrics against the copy-last-frame baseline and the timing. Every input is
 * optional: what is missing is said on the page, so a partial run still gets a report.
 */
@Component(service = Stage.class, property = "teco.name=" + ReportStage.NAME)
public final class ReportStage implements Stage {

    public static final String NAME = "report";
    public static final String PAGE = "index.html";

    private static final Logger LOG = LoggerFactory.getLogger(ReportStage.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final Clock clock;

    public ReportStage() {
        this(Clock.systemDefaultZone());
    }

    ReportStage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String description() {
        return "write one self-contained HTML page of the run: videos, loss curves, metrics against the baseline, timing";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("max_gif_mb", OptionType.NUMBER, 64.0,
                "embed samples.gif only up to this size in MB (base64 makes it a third larger); above it the page says so"));
    }

    /** The stages whose outputs the page is mostly about; train's files are shown when they are there. */
    @Override
    public Set<String> needs(Settings config) {
        return Set.of(RunInputs.SAMPLE, RunInputs.EVAL);
    }

    @Override
    public void run(StageContext context) throws Exception {
        Settings config = context.config();
        double maxMb = config.section(NAME).getDouble("max_gif_mb", 64.0);
        RunInputs in = RunInputs.of(context);
        String html = page(context.runDir(), config, in, (long) (maxMb * 1e6), ZonedDateTime.now(clock).format(DATE));
        Path out = context.stageDir().resolve(PAGE);
        write(out, html);
        long missing = in.all().stream().filter(i -> !i.present()).count();
        LOG.info("report: {} ({} KB{})", out, (html.length() + 1023) / 1024,
                missing == 0 ? "" : ", " + missing + " of " + in.all().size() + " inputs missing");
    }

    static String page(Path runDir, Settings config, RunInputs in, long maxGifBytes, String date) {
        return new HtmlReport("TECO report · " + runDir.toAbsolutePath().normalize().getFileName())
                .header(HeaderSection.render(runDir, config, date))
                .section("videos", "Videos", VideoSection.render(in.samplesGif(), in.sampleJson(), maxGifBytes))
                .section("training", "Training", TrainingSection.render(in.metricsCsv(), in.tokenizerJson()))
                .section("metrics", "Metrics", MetricsSection.render(in.evalJson()))
                .section("timing", "Timing", TimingSection.render(in.tokenizerJson(), in.trainJson(), in.sampleJson()))
                .section("inputs", "Inputs", inputs(in))
                .footer(Html.escape("Written by the report stage of TECO Platform on " + date + "."))
                .toHtml();
    }

    private static String inputs(RunInputs in) {
        HtmlTable t = new HtmlTable("File", "Written by", "Found");
        for (RunInputs.Input i : in.all()) {
            t.row(i.file().toString(), i.stage(), i.present() ? "yes" : "missing");
        }
        return t.render();
    }

    /** Temp file + rename: a browser or a re-run never sees half a page. */
    private static void write(Path file, String html) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, html);
    }
}
