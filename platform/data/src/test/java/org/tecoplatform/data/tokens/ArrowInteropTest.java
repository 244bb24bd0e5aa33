package org.tecoplatform.data.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrow's own Java reader sees the schema TOKEN-CACHE.md documents and the values TokenFile returns. */
class ArrowInteropTest {

    @TempDir
    Path tmp;

    @Test
    void arrowFileReaderReadsTheDocumentedLayout() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(1024, 2, 2, "vqgan-42");
        Path file = tmp.resolve("tokens-train-00000.arrow");
        List<TokenEpisode> written = new ArrayList<>();
        try (TokenFileWriter w = TokenFileWriter.create(file, info, 2)) {
            for (int i = 0; i < 5; i++) {
                written.add(Episodes.make(info, i, 3 + i));
                w.write(written.get(i));
            }
            w.commit();
        }
        try (BufferAllocator allocator = new RootAllocator();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema schema = root.getSchema();
            assertThat(schema.getCustomMetadata()).containsExactlyInAnyOrderEntriesOf(info.metadata());
            assertThat(schema.getCustomMetadata()).containsEntry("teco.codes", "1024").containsEntry("teco.latent_h", "2")
                    .containsEntry("teco.latent_w", "2").containsEntry("teco.tokenizer", "vqgan-42").containsEntry("teco.format_version", "1");
            assertThat(schema.getFields()).extracting(f -> f.getName()).containsExactly("episode_id", "frames", "codes", "actions");
            assertThat(schema.findField("codes").getChildren().get(0).getType()).isEqualTo(new ArrowType.Int(16, true));
            assertThat(schema.findField("codes").getChildren().get(0).getName()).isEqualTo("item");
            assertThat(schema.findField("actions").getChildren().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
            assertThat(reader.getRecordBlocks()).hasSize(3);
            int row = 0;
            while (reader.loadNextBatch()) {
                VarCharVector ids = (VarCharVector) root.getVector("episode_id");
                IntVector frames = (IntVector) root.getVector("frames");
                ListVector codes = (ListVector) root.getVector("codes");
                ListVector actions = (ListVector) root.getVector("actions");
                for (int r = 0; r < root.getRowCount(); r++, row++) {
                    TokenEpisode e = written.get(row);
                    assertThat(new String(ids.get(r), StandardCharsets.UTF_8)).isEqualTo(e.id());
                    assertThat(frames.get(r)).isEqualTo(e.frames());
                    SmallIntVector items = (SmallIntVector) codes.getDataVector();
                    int start = codes.getElementStartIndex(r);
                    assertThat(codes.getElementEndIndex(r) - start).isEqualTo(e.codes().length);
                    for (int i = 0; i < e.codes().length; i++) {
                        assertThat((int) items.get(start + i)).isEqualTo(e.codes()[i]);
                    }
                    IntVector acts = (IntVector) actions.getDataVector();
                    int a0 = actions.getElementStartIndex(r);
                    for (int t = 0; t < e.frames(); t++) {
                        assertThat(acts.get(a0 + t)).isEqualTo(e.actions()[t]);
                    }
                }
            }
            assertThat(row).isEqualTo(5);
        }
    }
}
