package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * toString prints like numpy's repr, so that a student can put chainrule's output beside numpy's. Each
 * expected string was produced by numpy 2.4 as
 * {@code "tensor(" + np.array2string(a, separator=', ', prefix='tensor(', suffix=')') + ")"}.
 */
class TensorFormatTest {

    @Test
    void aScalarPrintsAsOneNumber() {
        assertEquals("tensor(3.)", Tensor.scalar(3).toString());
    }

    @Test
    void valuesAlignAtTheDecimalPointPaddedWithSpaces() {
        assertEquals("tensor([0.5 , 1.25])", Tensor.vector(0.5, 1.25).toString());
        assertEquals("tensor([0.33333333, 2.        ])", Tensor.vector(1.0 / 3, 2).toString());
        assertEquals("tensor([-0.,  2.])", Tensor.vector(-0.0, 2).toString());
    }

    @Test
    void matricesPrintOneRowPerLineAndHigherRanksSeparateBlocksByBlankLines() {
        assertEquals("tensor([[ 1.,  2.],\n"
                + "        [ 3., -4.]])", Tensor.matrix(new double[][] {{1, 2}, {3, -4}}).toString());
        assertEquals("""
                tensor([[[ 0.,  1.,  2.,  3.],
                         [ 4.,  5.,  6.,  7.],
                         [ 8.,  9., 10., 11.]],

                        [[12., 13., 14., 15.],
                         [16., 17., 18., 19.],
                         [20., 21., 22., 23.]]])""", Tensor.arange(24).reshape(2, 3, 4).toString());
    }

    @Test
    void smallOrWidelySpreadMagnitudesSwitchToScientificNotationWithCommonDigits() {
        assertEquals("tensor([1.e-05, 1.e+00])", Tensor.vector(1e-5, 1).toString());
        assertEquals("tensor([1.50000e-05, 1.00000e+00, 1.23456e+05])", Tensor.vector(1.5e-5, 1, 123456).toString());
        assertEquals("tensor([[ 1.0e+09, -2.5e+00]])", Tensor.matrix(new double[][] {{1e9, -2.5}}).toString());
    }

    @Test
    void nanAndInfinityPrintAsNumpyPrintsThem() {
        assertEquals("tensor([ nan,  1.5, -inf])", Tensor.vector(Double.NaN, 1.5, Double.NEGATIVE_INFINITY).toString());
    }

    @Test
    void longRowsWrapAtSeventyFiveCharacters() {
        assertEquals("""
                tensor([0.        , 0.33333333, 0.66666667, 1.        , 1.33333333,
                        1.66666667, 2.        , 2.33333333, 2.66666667, 3.        ,
                        3.33333333, 3.66666667, 4.        , 4.33333333, 4.66666667,
                        5.        , 5.33333333, 5.66666667, 6.        , 6.33333333])""",
                Tensor.arange(20).div(3).toString());
    }

    @Test
    void tensorsOfMoreThanAThousandElementsAreSummarizedWithThreeEdgeItems() {
        assertEquals("""
                tensor([[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.970e+02, 9.980e+02,
                         9.990e+02],
                        [1.000e+03, 1.001e+03, 1.002e+03, ..., 1.997e+03, 1.998e+03,
                         1.999e+03]])""", Tensor.arange(2000).reshape(2, 1000).toString());
    }

    @Test
    void aRecordedResultNamesItsOpAndALeafSaysItRequiresAGradient() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        assertEquals("tensor([1., 2.], requiresGrad)", x.toString());
        assertEquals("tensor([2., 4.], op=mul)", x.mul(2).toString());
    }
}
