package org.tecoplatform.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.Progress;

class ConsoleProgressTest {

    @Test
    void logFriendlyModePrintsEveryTenthAndTheEndOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        try (Progress p = progress.start("encode", 40, "frames")) {
            p.status("loss 0.5");
            for (int i = 0; i < 40; i++) {
                p.advance(1);
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).startsWith("encode [").contains("2% 1/40 frames").contains("loss 0.5");
        assertThat(lines[10]).contains("100% 40/40 frames").doesNotContain("ETA");
    }

    @Test
    void terminalModeRedrawsInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        try (Progress p = progress.start("train", 0, "steps")) {
            p.advance(3);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rtrain 3 steps").endsWith("\n");
    }

    @Test
    void aTimeBudgetShorterThanTheRatesEstimateIsTheEta() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        try (Progress p = progress.start("train", 1_000_000, "steps")) {
            Thread.sleep(20);
            p.advance(1);                    // by its rate: hours to go
            p.timeLeft(125);                 // but the budget ends in about two minutes (the closing redraw shows it)
        }
        String[] draws = bytes.toString(StandardCharsets.UTF_8).split("\r");
        assertThat(draws[1]).contains("ETA ").doesNotContain("(time budget)");
        assertThat(draws[2]).containsPattern("ETA 2:0[0-5] \\(time budget\\)");
    }

    @Test
    void secondsAreShownAsClockTime() {
        assertThat(ConsoleProgress.seconds(65)).isEqualTo("1:05");
        assertThat(ConsoleProgress.seconds(3725)).isEqualTo("1:02:05");
    }
}
