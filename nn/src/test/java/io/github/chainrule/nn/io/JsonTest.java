package io.github.chainrule.nn.io;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void parsesObjectsArraysStringsNumbersAndLiterals() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5e2], \"b\": {\"c\": \"x\\ny\\u00e9\\\"\"}, \"t\": true, \"f\": false, \"n\": null} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2L, 350.0), m.get("a"));
        assertEquals(Map.of("c", "x\ny\u00e9\""), m.get("b"));
        assertEquals(true, m.get("t"));
        assertEquals(false, m.get("f"));
        assertNull(m.get("n"));
        assertEquals(List.of("a", "b", "t", "f", "n"), List.copyOf(m.keySet()));
    }

    @Test
    void quoteRoundTripsThroughParse() {
        String s = "tab\there \"quoted\" back\\slash \u0001 é";
        assertEquals(s, Json.parse(Json.quote(s)));
    }

    @Test
    void rejectsWhatStrictJsonRejects() {
        for (String bad : new String[] {"{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\" 1}", "01", "1.", "-", "{\"a\":1} x",
                "\"unterminated", "[1 2]", "{\"a\":tru}", "\"\\x\"", "{\"a\":1,\"a\":2}", "9223372036854775808"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(new String(open)));
        assertTrue(e.getMessage().contains("nested more than 64 levels"), e.getMessage());
    }

    @Test
    void errorsNameTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertEquals("JSON: key \"a\" appears twice at offset 7", e.getMessage());
    }
}
