package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test-scope JSON used to talk to the interop scripts round-trips what they exchange. */
class JsonTest {
    @Test
    void parsesWhatTheScriptsPrint() {
        Object v = Json.parse("{\"roots\":[\"Qm1\"],\"blocks\":[{\"cid\":\"b\",\"size\":12}],\"ok\":true,\"x\":null}");
        Map<String, Object> m = Json.object(v);
        assertThat(m).containsEntry("roots", List.of("Qm1")).containsEntry("ok", true).containsEntry("x", null);
        assertThat(Json.object(Json.array(m.get("blocks")).getFirst())).containsEntry("size", 12L);
    }

    @Test
    void randomValuesSurviveAWriteThenParse() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            Object value = randomValue(random, 3);
            assertThat(Json.parse(Json.write(value))).as("seed %d, case %d", seed, i).isEqualTo(value);
        }
    }

    @Test
    void malformedInputIsRefusedWithAnIllegalArgumentException() {
        for (String bad : List.of("", "{", "[1,", "{\"a\" 1}", "\"abc", "tru", "[1] x", "{1:2}", "\"\\q\"")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth == 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> randomString(r);
            case 1 -> r.nextLong();
            case 2 -> r.nextBoolean();
            case 3 -> null;
            case 4 -> {
                List<Object> l = new ArrayList<>();
                for (int n = r.nextInt(4); n > 0; n--) {
                    l.add(randomValue(r, depth - 1));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int n = r.nextInt(4); n > 0; n--) {
                    m.put(randomString(r), randomValue(r, depth - 1));
                }
                yield m;
            }
        };
    }

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(8); n > 0; n--) {
            b.append((char) r.nextInt(r.nextBoolean() ? 128 : 0xD800));
        }
        return b.toString();
    }
}
