package org.tecoplatform.data.tokens;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes Arrow files with Arrow's own writer and any schema, to make files TokenFileWriter never would. */
final class RawArrow {

    private RawArrow() {
    }

    /** One record batch filled by {@code fill} (which must set the row count). */
    static void write(Path file, Schema schema, Consumer<VectorSchemaRoot> fill) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ArrowFileWriter w = new ArrowFileWriter(root, new DictionaryProvider.MapDictionaryProvider(), ch)) {
            w.start();
            root.allocateNew();
            fill.accept(root);
            w.writeBatch();
            w.end();
        }
    }

    /** The token schema of {@code info} with its metadata replaced. */
    static Schema withMetadata(TokenCacheInfo info, Map<String, String> metadata) {
        return new Schema(TokenSchema.of(info).getFields(), metadata);
    }

    /** An empty batch (no rows) of whatever schema. */
    static void empty(VectorSchemaRoot root) {
        root.setRowCount(0);
    }
}
