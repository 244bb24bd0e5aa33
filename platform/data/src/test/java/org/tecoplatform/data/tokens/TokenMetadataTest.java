package org.tecoplatform.data.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerInfo;

/** A cache made by another tokenizer, or not a token cache at all, is refused naming file, key, expected and found. */
class TokenMetadataTest {

    private static final TokenCacheInfo INFO = new TokenCacheInfo(1024, 16, 16, "vqgan-dmlab-7f3a");

    @TempDir
    Path tmp;

    private Path written() throws IOException {
        Path file = tmp.resolve("tokens-train-00000.arrow");
        try (TokenFileWriter w = TokenFileWriter.create(file, INFO)) {
            w.write(Episodes.make(INFO, 0, 2));
            w.commit();
        }
        return file;
    }

    @Test
    void sameTokenizerOpens() throws IOException {
        Path file = written();
        try (TokenFile f = TokenFile.open(file, new TokenCacheInfo(1024, 16, 16, "vqgan-dmlab-7f3a"))) {
            assertThat(f.size()).isEqualTo(1);
        }
        assertThat(TokenCacheInfo.of(new TokenizerInfo(1024, 64, 16, 16, 64), "vqgan-dmlab-7f3a")).isEqualTo(INFO);
    }

    @Test
    void anotherTokenizerIsNamed() throws IOException {
        Path file = written();
        assertThatThrownBy(() -> TokenFile.open(file, new TokenCacheInfo(1024, 16, 16, "vqgan-other")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": token cache was made by another tokenizer: teco.tokenizer is 'vqgan-dmlab-7f3a', expected "
                        + "'vqgan-other'; delete the cache (or run tokenize with --force) to re-encode");
        assertThatThrownBy(() -> TokenFile.open(file, new TokenCacheInfo(2048, 16, 16, "vqgan-dmlab-7f3a")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("teco.codes is '1024', expected '2048'");
        assertThatThrownBy(() -> TokenFile.open(file, new TokenCacheInfo(1024, 8, 16, "vqgan-dmlab-7f3a")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("teco.latent_h is '16', expected '8'");
        assertThatThrownBy(() -> TokenFile.open(file, new TokenCacheInfo(1024, 16, 32, "vqgan-dmlab-7f3a")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("teco.latent_w is '16', expected '32'");
    }

    @Test
    void missingOrMalformedMetadata() throws IOException {
        Map<String, String> noCodes = new HashMap<>(INFO.metadata());
        noCodes.remove("teco.codes");
        Path a = tmp.resolve("a.arrow");
        RawArrow.write(a, RawArrow.withMetadata(INFO, noCodes), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(a)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(a + ": schema metadata has no teco.codes (expected a TECO token cache, found keys");

        Map<String, String> v2 = new HashMap<>(INFO.metadata());
        v2.put("teco.format_version", "2");
        Path b = tmp.resolve("b.arrow");
        RawArrow.write(b, RawArrow.withMetadata(INFO, v2), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(b)).isInstanceOf(BadInputException.class)
                .hasMessage(b + ": schema metadata teco.format_version is '2', this version of TECO Platform reads token caches of format '1'");

        Map<String, String> words = new HashMap<>(INFO.metadata());
        words.put("teco.latent_w", "sixteen");
        Path c = tmp.resolve("c.arrow");
        RawArrow.write(c, RawArrow.withMetadata(INFO, words), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(c)).isInstanceOf(BadInputException.class)
                .hasMessage(c + ": schema metadata teco.latent_w is 'sixteen', expected a positive integer");

        Path d = tmp.resolve("d.arrow");
        RawArrow.write(d, new Schema(TokenSchema.of(INFO).getFields()), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(d)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("schema metadata has no teco.format_version");
    }

    @Test
    void wrongColumnsAreNotATokenCache() throws IOException {
        List<Field> fields = TokenSchema.of(INFO).getFields();
        Field longCodes = new Field("codes", FieldType.notNullable(ArrowType.List.INSTANCE),
                List.of(Field.notNullable("item", new ArrowType.Int(64, true))));
        Path a = tmp.resolve("int64.arrow");
        RawArrow.write(a, new Schema(List.of(fields.get(0), fields.get(1), longCodes, fields.get(3)), INFO.metadata()), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(a)).isInstanceOf(BadInputException.class)
                .hasMessage(a + ": not a TECO token cache: expected the columns episode_id utf8, frames int32, codes list<int16 or int32>, "
                        + "actions list<int32>, but the file has codes of int64");

        Path b = tmp.resolve("three.arrow");
        RawArrow.write(b, new Schema(fields.subList(0, 3), INFO.metadata()), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(b)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("but the file has 3 columns [episode_id, frames, codes]");

        Path c = tmp.resolve("swapped.arrow");
        RawArrow.write(c, new Schema(List.of(fields.get(1), fields.get(0), fields.get(2), fields.get(3)), INFO.metadata()), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(c)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has column frames: Int(32, true) not null where episode_id belongs");

        // int16 cannot hold the codes of a 40,000-entry codebook.
        TokenCacheInfo big = new TokenCacheInfo(40_000, 16, 16, "big");
        Path d = tmp.resolve("narrow.arrow");
        RawArrow.write(d, new Schema(fields, big.metadata()), RawArrow::empty);
        assertThatThrownBy(() -> TokenFile.open(d)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("but the file has int16 codes, too narrow for its codebook of 40000 codes");
    }
}
