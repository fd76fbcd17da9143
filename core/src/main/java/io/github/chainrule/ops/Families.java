package io.github.chainrule.ops;

import java.util.List;

/** Registration helper: each op family keeps its entries in a list the registry reads at start-up. */
final class Families {
    private Families() {
    }

    static OpDef define(List<OpDef> family, String familyName, OpDef.Builder builder) {
        OpDef def = builder.family(familyName).build();
        family.add(def);
        return def;
    }
}
