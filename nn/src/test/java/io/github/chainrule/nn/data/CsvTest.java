package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void rowsBecomeColumnsOfXAndTheLastColumnTheLabels() throws IOException {
        LabeledData d = Csv.load(write("small.csv", "a,b,c,label\n1,2,3,0\n4.5,-5,6e-1,2\n"));
        assertEquals(List.of("a", "b", "c"), d.featureNames());
        assertEquals("(3,2)", d.x().shape().toString());
        assertArrayEquals(new double[] {1, 4.5, 2, -5, 3, 0.6}, d.x().toArray());
        assertArrayEquals(new int[] {0, 2}, d.labels());
        assertEquals(3, d.classCount());
        Dataset oneHot = d.oneHot(3);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1}, oneHot.y().toArray());
    }

    @Test
    void gzippedFilesAreReadTheSame() throws IOException {
        String text = "p0,p1,label\n0,255,1\n17,3,0\n";
        Path gz = dir.resolve("pixels.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        LabeledData fromGz = Csv.load(gz);
        LabeledData plain = Csv.load(write("pixels.csv", text));
        assertArrayEquals(plain.x().toArray(), fromGz.x().toArray());
        assertArrayEquals(plain.labels(), fromGz.labels());
        assertArrayEquals(new double[] {1, 0}, fromGz.binary().y().toArray());
    }

    @Test
    void theBundledIrisSampleLoads() throws IOException {
        Path p = Path.of("src/test/resources/io/github/chainrule/nn/data/iris_head.csv");
        LabeledData d = Csv.load(p);
        assertEquals(4, d.x().shape().dim(0));
        assertEquals(6, d.m());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, d.labels());
        assertEquals(5.1, d.x().get(0, 0));
        assertEquals(1.9, d.x().get(3, 5));
    }

    @Test
    void aNonNumericValueNamesFileLineAndColumn() throws IOException {
        Path p = write("bad.csv", "a,b,label\n1,2,0\n3,x7,1\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 3, column 2 (b): not a number: 'x7'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertEquals(p.toString(), e.file());
    }

    @Test
    void anEmptyFieldIsAMissingValue() throws IOException {
        Path p = write("gap.csv", "a,b,label\n1,,0\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 2, column 2 (b): missing value", e.getMessage());
    }

    @Test
    void aShortLineIsAMissingValueInTheFirstAbsentColumn() throws IOException {
        Path p = write("short.csv", "a,b,label\n1,2,0\n1,2\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 3, column 3 (label): missing value: the line has 2 fields but the header has 3",
                e.getMessage());
    }

    @Test
    void aLongLineIsRejected() throws IOException {
        Path p = write("long.csv", "a,label\n1,0,5\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 2: has more than the header's 2 fields", e.getMessage());
    }

    @Test
    void nanInfinityAndJavaSuffixesAreNotNumbersHere() throws IOException {
        for (String bad : new String[] {"NaN", "Infinity", "1d", "0x10"}) {
            Path p = write("odd.csv", "a,label\n" + bad + ",0\n");
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p), bad);
            assertEquals(p + ", line 2, column 1 (a): not a number: '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void aLabelMustBeANonNegativeInteger() throws IOException {
        Path p = write("label.csv", "a,label\n1,0.5\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 2, column 2 (label): a label must be a non-negative integer class index, got '0.5'",
                e.getMessage());
        Path q = write("neg.csv", "a,label\n1,-1\n");
        assertThrows(CsvFormatException.class, () -> Csv.load(q));
    }

    @Test
    void theHeaderMustEndInLabelAndTheFileMustNotBeEmpty() throws IOException {
        Path p = write("nolabel.csv", "a,b\n1,2\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 1, column 2 (b): the last column must be named 'label'", e.getMessage());
        Path empty = write("empty.csv", "");
        assertEquals(empty + ", line 1: no header line (the file is empty)",
                assertThrows(CsvFormatException.class, () -> Csv.load(empty)).getMessage());
    }

    @Test
    void aReaderTakesTheLabelColumnByNameWhereverItIs() throws IOException {
        LabeledData d = Csv.reader().labelColumn("y").load(write("mid.csv", "a,y,b\n1,1,2\n3,0,4\n"));
        assertEquals(java.util.List.of("a", "b"), d.featureNames());
        assertArrayEquals(new double[] {1, 3, 2, 4}, d.x().toArray());
        assertArrayEquals(new int[] {1, 0}, d.labels());
        Path p = write("noy.csv", "a,b\n1,2\n");
        assertEquals(p + ", line 1: no column named 'y' for the labels; the header has [a, b]",
                assertThrows(CsvFormatException.class, () -> Csv.reader().labelColumn("y").load(p)).getMessage());
    }

    @Test
    void aFileWithoutHeaderIsReadWithTheLabelColumnByIndexAndLinesCountFromOne() throws IOException {
        LabeledData d = Csv.reader().noHeader().labelColumn(0).load(write("raw.csv", "2,0.5,7\n1,1.5,8\n"));
        assertEquals(java.util.List.of("column2", "column3"), d.featureNames());
        assertArrayEquals(new int[] {2, 1}, d.labels());
        assertArrayEquals(new double[] {0.5, 1.5, 7, 8}, d.x().toArray());
        LabeledData last = Csv.reader().noHeader().load(write("raw2.csv", "0.5,1\n"));
        assertArrayEquals(new int[] {1}, last.labels());
        Path bad = write("rawbad.csv", "1,0\nz,1\n");
        assertEquals(bad + ", line 2, column 1 (column1): not a number: 'z'",
                assertThrows(CsvFormatException.class, () -> Csv.reader().noHeader().load(bad)).getMessage());
        assertThrows(CsvFormatException.class, () -> Csv.reader().noHeader().labelColumn("label").load(bad));
        assertThrows(CsvFormatException.class, () -> Csv.reader().noHeader().labelColumn(5).load(bad));
    }

    @Test
    void textLabelsAreMappedToClassIndicesInSortedOrder() throws IOException {
        LabeledData d = Csv.reader().labelColumn("species").textLabels()
                .load(write("iris-text.csv", "species,petal\nvirginica,6.0\nsetosa,1.4\nvirginica,5.1\nversicolor,4.5\n"));
        assertEquals(java.util.List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {2, 0, 2, 1}, d.labels());
        assertEquals(java.util.List.of("virginica", "setosa"), d.keepClasses(2, 0).classNames());
        Path p = write("cat.csv", "a,label\n1,cat\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.load(p));
        assertEquals(p + ", line 2, column 2 (label): not a number: 'cat'; for labels given as text, read with"
                + " Csv.reader().textLabels()", e.getMessage());
        assertTrue(Csv.load(write("num.csv", "a,label\n1,0\n")).classNames().isEmpty());
    }

    @Test
    void windowsLineEndsAreTolerated() throws IOException {
        LabeledData d = Csv.load(write("crlf.csv", "a,label\r\n2.5,1\r\n"));
        assertArrayEquals(new double[] {2.5}, d.x().toArray());
        assertArrayEquals(new int[] {1}, d.labels());
    }

    @Test
    void keepClassesMakesABinaryTaskInTheGivenOrder() {
        Tensor x = Tensor.of(new double[] {10, 11, 12, 13, 14}, 1, 5);
        LabeledData d = new LabeledData(x, new int[] {7, 3, 9, 7, 1}, List.of("f"));
        LabeledData sneakerVsBoot = d.keepClasses(7, 9);
        assertArrayEquals(new double[] {10, 12, 13}, sneakerVsBoot.x().toArray());
        assertArrayEquals(new int[] {0, 1, 0}, sneakerVsBoot.labels());
        assertThrows(IllegalArgumentException.class, () -> d.keepClasses(7, 7));
    }
}
