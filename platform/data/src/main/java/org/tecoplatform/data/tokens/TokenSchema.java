package org.tecoplatform.data.tokens;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.tecoplatform.api.BadInputException;

/** The Arrow schema of a token cache file (see TOKEN-CACHE.md), and the check that a file has it. */
final class TokenSchema {

    static final String EPISODE_ID = "episode_id";
    static final String FRAMES = "frames";
    static final String CODES = "codes";
    static final String ACTIONS = "actions";
    /** pyarrow's name for a list's element field, so the files look native there. */
    static final String ITEM = "item";

    private static final String LAYOUT = "episode_id utf8, frames int32, codes list<int16 or int32>, actions list<int32>";

    private TokenSchema() {
    }

    static Schema of(TokenCacheInfo info) {
        return new Schema(List.of(
                Field.notNullable(EPISODE_ID, ArrowType.Utf8.INSTANCE),
                Field.notNullable(FRAMES, new ArrowType.Int(32, true)),
                list(CODES, info.codeBits()),
                list(ACTIONS, 32)), info.metadata());
    }

    private static Field list(String name, int bits) {
        Field item = Field.notNullable(ITEM, new ArrowType.Int(bits, true));
        return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE), List.of(item));
    }

    /** Checks the columns of {@code file}'s schema and returns the bytes per stored code (2 or 4). */
    static int codeBytes(Schema schema, TokenCacheInfo info, Path file) {
        List<Field> fields = schema.getFields();
        if (fields.size() != 4) {
            throw wrong(file, "has " + fields.size() + " columns " + names(fields));
        }
        expect(file, fields.get(0), EPISODE_ID, fields.get(0).getType() instanceof ArrowType.Utf8);
        expect(file, fields.get(1), FRAMES, isInt(fields.get(1).getType(), 32));
        int codeBits = listOfInt(file, fields.get(2), CODES);
        if (codeBits != 16 && codeBits != 32) {
            throw wrong(file, "has codes of int" + codeBits);
        }
        if (codeBits == 16 && info.codes() > TokenCacheInfo.MAX_INT16_CODES) {
            throw wrong(file, "has int16 codes, too narrow for its codebook of " + info.codes() + " codes");
        }
        if (listOfInt(file, fields.get(3), ACTIONS) != 32) {
            throw wrong(file, "has actions that are not int32");
        }
        return codeBits / 8;
    }

    private static int listOfInt(Path file, Field field, String name) {
        boolean isList = field.getType() instanceof ArrowType.List && field.getChildren().size() == 1;
        expect(file, field, name, isList && field.getChildren().get(0).getType() instanceof ArrowType.Int i && i.getIsSigned()
                && field.getChildren().get(0).getDictionary() == null);
        return ((ArrowType.Int) field.getChildren().get(0).getType()).getBitWidth();
    }

    private static void expect(Path file, Field field, String name, boolean typeOk) {
        if (!field.getName().equals(name) || !typeOk || field.getDictionary() != null) {
            throw wrong(file, "has column " + field + " where " + name + " belongs");
        }
    }

    private static boolean isInt(ArrowType type, int bits) {
        return type instanceof ArrowType.Int i && i.getBitWidth() == bits && i.getIsSigned();
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::getName).toList();
    }

    private static BadInputException wrong(Path file, String found) {
        return new BadInputException(file + ": not a TECO token cache: expected the columns " + LAYOUT + ", but the file " + found);
    }
}
