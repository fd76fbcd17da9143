package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.Format;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.data.EmbeddedData;
import io.github.chainrule.examples.data.PlanarFlower;
import io.github.chainrule.examples.data.ToyData;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.nn.data.LabeledData;
import io.github.chainrule.nn.data.Labels;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpersTest {
    @Test
    void everyEmbeddedFileLoadsWithTheShapeAndClassCountsItsReadmeGives() {
        LabeledData bc = EmbeddedData.breastCancer();
        assertEquals("(30,569)", bc.x().shape().toString().replace(" ", ""));
        assertArrayEquals(new int[] {212, 357}, Labels.counts(bc.labels(), 2));
        assertEquals(1797, EmbeddedData.digits8x8().m());
        LabeledData mnist = EmbeddedData.mnistTrain();
        assertEquals(5000, mnist.m());
        assertEquals(784, mnist.x().shape().dim(0));
        assertArrayEquals(new int[] {492, 553, 478, 522, 513, 438, 509, 539, 468, 488}, Labels.counts(mnist.labels(), 10));
        assertEquals(1000, EmbeddedData.mnistTest().m());
        assertArrayEquals(new int[] {194, 216, 202, 195, 186, 200, 194, 215, 198, 200},
                Labels.counts(EmbeddedData.fashionTrain().labels(), 10));
        assertEquals(1000, EmbeddedData.fashionTest().m());
    }

    @Test
    void anUnknownEmbeddedFileIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedData.load("cats.csv"));
        assertTrue(e.getMessage().contains("'cats.csv'"), e.getMessage());
    }

    @Test
    void theFlowerHasTwoHalvesOfPetalPointsWithinTheRoseRadius() {
        LabeledData f = PlanarFlower.generate(1);
        assertEquals(400, f.m());
        assertArrayEquals(new int[] {200, 200}, Labels.counts(f.labels(), 2));
        double[] x1 = Charts.row(f.x(), 0);
        double[] x2 = Charts.row(f.x(), 1);
        for (int j = 0; j < 400; j++) {
            assertTrue(Math.hypot(x1[j], x2[j]) < 4 + 1.2, "radius at most a = 4 plus noise");
        }
        assertArrayEquals(f.x().toArray(), PlanarFlower.generate(1).x().toArray(), "seeded");
        assertTrue(!Arrays.equals(f.x().toArray(), PlanarFlower.generate(2).x().toArray()));
        assertThrows(IllegalArgumentException.class, () -> PlanarFlower.generate(3, 1));
    }

    @Test
    void circlesAndMoonsAreBalancedAndWhereTheirFormulasPutThem() {
        LabeledData c = ToyData.circles(300, 0, 0.8, 1);
        double[] x1 = Charts.row(c.x(), 0);
        double[] x2 = Charts.row(c.x(), 1);
        int[] y = c.labels();
        for (int j = 0; j < 300; j++) {
            assertEquals(y[j] == 0 ? 1 : 0.8, Math.hypot(x1[j], x2[j]), 1e-12, "without noise, on the circles");
        }
        assertArrayEquals(new int[] {150, 150}, Labels.counts(y, 2));
        LabeledData m = ToyData.moons(200, 0.2, 1);
        assertArrayEquals(new int[] {100, 100}, Labels.counts(m.labels(), 2));
        assertThrows(IllegalArgumentException.class, () -> ToyData.circles(10, 0.1, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> ToyData.moons(10, -1, 1));
    }

    @Test
    void sampledCurvesStepByRoundNumbersAndKeepTheFirstValue() {
        double[] y = new double[3000];
        Arrays.setAll(y, i -> 1.0 / (i + 1));
        Charts.Series s = Charts.Series.sampled("cost", y);
        assertEquals(200, s.x()[1] - s.x()[0]);
        assertTrue(s.x().length <= 26);
        assertEquals(1.0, s.y()[0]);
        assertEquals(y[200], s.y()[1]);
        assertEquals(10, Charts.Series.sampled("short", new double[10]).x().length, "short curves keep every point");
        assertThrows(IllegalArgumentException.class, () -> new Charts.Series("bad", new double[2], new double[3]));
    }

    @Test
    void aSampledCurveEndsAtTheLastIterationSoThePlotCoversTheWholeLog() {
        double[] y = new double[2000];
        Arrays.setAll(y, i -> 1.0 / (i + 1));
        Charts.Series s = Charts.Series.sampled("cost", y);
        assertEquals(1999, s.x()[s.x().length - 1]);
        assertEquals(y[1999], s.y()[s.y().length - 1]);
        assertEquals(1900, s.x()[s.x().length - 2], "the round grid before it is kept");
        double[] onGrid = new double[2001];
        assertEquals(2000, Charts.Series.sampled("cost", onGrid).x()[Charts.Series.sampled("cost", onGrid).x().length - 1]);
    }

    @Test
    void tablesLineUpTheirColumnsAndRejectRowsOfTheWrongWidth() {
        Table t = new Table("T", "name", "accuracy").row("logistic", "91.00 %").row("L-layer model", "9.50 %");
        assertEquals(String.join("\n",
                "T",
                "name           accuracy",
                "-------------  --------",
                "logistic        91.00 %",
                "L-layer model    9.50 %"), t.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
        assertTrue(e.getMessage().contains("1 cells but the table has 2 columns"), e.getMessage());
        assertEquals("0.0001", Format.plain(1e-4));
        assertEquals("98.25 %", Format.percent(0.98246));
    }
}
