package org.tecoplatform.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class OrtSessionsTest {

    @TempDir
    Path dir;

    @Test
    void opensAModelFileWithTheSettingsAndRunsIt() throws Exception {
        Path model = TinyModels.write(dir, "add.onnx", TinyModels.add(2));
        for (OrtSettings s : List.of(OrtSettings.defaults(), OrtSettings.cpu(1), OrtSettings.cpu(2).withOptLevel(OptLevel.NO_OPT),
                new OrtSettings(3, 2, OptLevel.BASIC_OPT, false, 0))) {
            try (OrtSession session = OrtSessions.open(model, s);
                 OnnxTensor x = OnnxTensor.createTensor(OrtSessions.environment(), new float[][] {{1f, 2f}, {3f, 4f}});
                 OnnxTensor y = OnnxTensor.createTensor(OrtSessions.environment(), new float[][] {{10f, 20f}, {30f, 40f}});
                 OrtSession.Result r = session.run(Map.of("X", x, "Y", y))) {
                assertThat((float[][]) r.get("Z").orElseThrow().getValue()).isDeepEqualTo(new float[][] {{11f, 22f}, {33f, 44f}});
            }
        }
    }

    @Test
    void cudaWithoutAGpuSaysSoOnceAndRunsOnTheCpu() throws Exception {
        Path model = TinyModels.write(dir, "add.onnx", TinyModels.add(1));
        OrtSessions.resetCudaNotices();
        Logger logger = (Logger) LoggerFactory.getLogger(OrtSessions.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level old = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        boolean cudaWorks;
        try (OrtSession first = OrtSessions.open(model, OrtSettings.cpu(1).withCuda(true));
             OrtSession session = OrtSessions.open(model, OrtSettings.cpu(1).withCuda(true));
             OnnxTensor x = OnnxTensor.createTensor(OrtSessions.environment(), new float[][] {{1.5f}});
             OrtSession.Result r = session.run(Map.of("X", x, "Y", x))) {
            assertThat(((float[][]) r.get(0).getValue())[0][0]).isEqualTo(3f);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(old);
        }
        List<ILoggingEvent> info = appender.list.stream().filter(e -> e.getLevel() == Level.INFO).toList();
        cudaWorks = appender.list.stream().anyMatch(e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("CUDA execution provider on device 0"));
        if (cudaWorks) {
            assertThat(info).isEmpty();
        } else {
            // two sessions, one INFO line; the second says it at DEBUG
            assertThat(info).hasSize(1);
            assertThat(appender.list.stream().filter(e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("CUDA not available (device 0)"))).hasSize(1);
            assertThat(info.get(0).getFormattedMessage())
                    .startsWith(model + ": CUDA was asked for (device 0) but is not available, running on the CPU: ")
                    .doesNotContain("\n");
            // the reason ONNX Runtime gave is in the line
            assertThat(info.get(0).getFormattedMessage().substring(info.get(0).getFormattedMessage().indexOf("CPU: ") + 5)).isNotBlank();
        }
    }

    @Test
    void aMissingModelIsNoSuchFile() {
        assertThatThrownBy(() -> OrtSessions.open(dir.resolve("none.onnx"), OrtSettings.defaults()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("none.onnx");
    }

    @Test
    void aCorruptOrTruncatedModelIsBadInputNamingTheFile() throws Exception {
        Path bad = Files.write(dir.resolve("bad.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> OrtSessions.open(bad, OrtSettings.defaults()))
                .isInstanceOf(org.tecoplatform.api.BadInputException.class).hasMessageStartingWith(bad + ": expected an ONNX model")
                .hasCauseInstanceOf(OrtException.class);
        byte[] good = TinyModels.add(2);
        Path cut = Files.write(dir.resolve("cut.onnx"), java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> OrtSessions.open(cut, OrtSettings.defaults()))
                .isInstanceOf(org.tecoplatform.api.BadInputException.class).hasMessageContaining("truncated or corrupt")
                .hasCauseInstanceOf(OrtException.class);
    }

    @Test
    void opensAModelFromMemory() throws Exception {
        try (OrtSession session = OrtSessions.open(TinyModels.add(3), "in-memory add", OrtSettings.cpu(1))) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrder("X", "Y");
        }
    }

    @Test
    void settingsRefuseNegativeCounts() {
        assertThatThrownBy(() -> new OrtSettings(-1, 0, OptLevel.ALL_OPT, false, 0)).hasMessageContaining("thread counts must be >= 0");
        assertThatThrownBy(() -> OrtSettings.defaults().withCudaDevice(-2)).hasMessageContaining("cudaDevice must be >= 0, found -2");
        assertThat(OrtSettings.cpu(4)).isEqualTo(new OrtSettings(4, 1, OptLevel.ALL_OPT, false, 0));
    }
}
