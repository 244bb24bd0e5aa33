package org.tecoplatform.nn;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx.ModelProto;

/** Writing ONNX models. */
public final class OnnxModels {

    private OnnxModels() {
    }

    /**
     * Writes {@code model} to {@code file} atomically: a temporary file in the same directory is
     * written, forced to disk and renamed, so readers never see a partial model.
     */
    public static void write(ModelProto model, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, model::writeTo);
    }
}
