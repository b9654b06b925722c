using System;
using System.Linq;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// The reference checked against values worked out by hand from the seeds' formulas (never copied from
/// the seeds' printed results: the Sobel seed's printed 122, 148, 126, 134 is wrong).
/// </summary>
public sealed class ReferenceSelfTests
{
    private static readonly double[] SeedInput = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] SeedKernel = [1, 2, 3, 4, 5, 6, 7, 8]; // a..h

    private static readonly double[] SobelInput = [1, 0, -1, 1, 1, 2, -2, 0, 1, 1, -1, 1, 0, 1, 1, 0];
    private static readonly double[] SobelKernel = [1, 0, -1, 2, 0, -2, 1, 0, -1];

    [Fact]
    public void Seed1_CrossCorrelation()
    {
        // [1a+2b+4c+5d, 2a+3b+5c+6d, 4a+5b+7c+8d, 5a+6b+8c+9d, 1e+2f+4g+5h, ...] with a..h = 1..8
        double[] y = ReferenceConv.ForwardLinear(LayerDef.Conv(1, 3, 3, 2, 2, 2), SeedInput, SeedKernel);
        Assert.Equal([37, 47, 67, 77, 85, 111, 163, 189], y);
    }

    [Fact]
    public void Seed1_Matrix_IsTheSeedsM()
    {
        const double a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
        double[] expected =
        [
            a, b, 0, c, d, 0, 0, 0, 0,
            0, a, b, 0, c, d, 0, 0, 0,
            0, 0, 0, a, b, 0, c, d, 0,
            0, 0, 0, 0, a, b, 0, c, d,
            e, f, 0, g, h, 0, 0, 0, 0,
            0, e, f, 0, g, h, 0, 0, 0,
            0, 0, 0, e, f, 0, g, h, 0,
            0, 0, 0, 0, e, f, 0, g, h,
        ];
        Assert.Equal(expected, ReferenceConv.DenseMatrix(LayerDef.Conv(1, 3, 3, 2, 2, 2), SeedKernel));
    }

    [Fact]
    public void Seed1_Flip_IsTrueConvolution()
    {
        // Mirrored kernels [[d c][b a]] = [[4 3][2 1]] and [[8 7][6 5]], slid over the input.
        double[] y = ReferenceConv.ForwardLinear(LayerDef.Conv(1, 3, 3, 2, 2, 2) with { Flip = true }, SeedInput, SeedKernel);
        Assert.Equal([23, 33, 53, 63, 71, 97, 149, 175], y);
    }

    [Fact]
    public void Sobel_CrossCorrelation()
    {
        // y[v,w] = Σ_r k_r·(x[v+r, w] − x[v+r, w+2]) with k = 1, 2, 1:
        // (0,0): 1·2 + 2·3 + 1·2 = 10   (0,1): 1·(−1) + 2·2 + 1·0 = 3
        // (1,0): 1·3 + 2·2 + 1·(−1) = 6 (1,1): 1·2 + 2·0 + 1·1 = 3
        double[] y = ReferenceConv.ForwardLinear(LayerDef.Conv(1, 4, 4, 1, 3, 3), SobelInput, SobelKernel);
        Assert.Equal([10, 3, 6, 3], y);
    }

    [Fact]
    public void Sobel_Flip_IsTrueConvolution()
    {
        // The mirrored Sobel X kernel is its negation, so the true convolution is −(cross-correlation).
        double[] y = ReferenceConv.ForwardLinear(LayerDef.Conv(1, 4, 4, 1, 3, 3) with { Flip = true }, SobelInput, SobelKernel);
        Assert.Equal([-10, -3, -6, -3], y);
    }

    [Fact]
    public void Sobel_Matrix_IsTheSeedsKHat()
    {
        double[] expected =
        [
            1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1, 0, 0, 0, 0, 0,
            0, 1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1, 0, 0, 0, 0,
            0, 0, 0, 0, 1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1, 0,
            0, 0, 0, 0, 0, 1, 0, -1, 0, 2, 0, -2, 0, 1, 0, -1,
        ];
        Assert.Equal(expected, ReferenceConv.DenseMatrix(LayerDef.Conv(1, 4, 4, 1, 3, 3), SobelKernel));
    }

    [Theory]
    [InlineData(RefPaddingMode.Zeros, new double[] { 0, 0, 1, 2, 3, 0, 0 })]
    [InlineData(RefPaddingMode.Reflect, new double[] { 3, 2, 1, 2, 3, 2, 1 })]
    [InlineData(RefPaddingMode.Replicate, new double[] { 1, 1, 1, 2, 3, 3, 3 })]
    [InlineData(RefPaddingMode.Circular, new double[] { 2, 3, 1, 2, 3, 1, 2 })]
    public void PaddingModes_MatchFPad(RefPaddingMode mode, double[] expected)
    {
        // A 1×1 identity kernel over [1 2 3] padded by 2 on each side shows the padded row itself.
        LayerDef l = LayerDef.Conv(1, 1, 3, 1, 1, 1) with { PadW = 2, PaddingMode = mode };
        Assert.Equal(expected, ReferenceConv.ForwardLinear(l, [1, 2, 3], [1]));
    }

    [Fact]
    public void Seed1_WeightsGradient_WithUnitOutputGradient_SumsWindows()
    {
        // dK[u,0,p,q] = Σ_{v,w} x[v+p, w+q]: window sums 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
        LayerDef l = LayerDef.Conv(1, 3, 3, 2, 2, 2);
        double[] g = Enumerable.Repeat(1.0, l.OutputLength).ToArray();
        Assert.Equal([12, 16, 24, 28, 12, 16, 24, 28], ReferenceConv.WeightsGradient(l, SeedInput, g, 1));
        Assert.Equal([4, 4], ReferenceConv.BiasGradient(l with { Bias = true }, g, 1));
    }

    [Fact]
    public void Transposed_Stride1_IsFullConvolution()
    {
        // x = [[1 2][3 4]] scattered through K = [[1 2][3 4]].
        double[] y = ReferenceConv.ForwardLinear(LayerDef.Transposed(1, 2, 2, 1, 2, 2), [1, 2, 3, 4], [1, 2, 3, 4]);
        Assert.Equal([1, 4, 4, 6, 20, 16, 9, 24, 16], y);
    }

    [Fact]
    public void Transposed_Stride2_TilesScaledKernels()
    {
        double[] y = ReferenceConv.ForwardLinear(LayerDef.Transposed(1, 2, 2, 1, 2, 2) with { Stride = 2 }, [1, 2, 3, 4], [1, 2, 3, 4]);
        Assert.Equal([1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16], y);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Transposed_IsTheAdjointOfTheMatchingConv(bool flip)
    {
        // ConvTranspose2D(C→D) with weights C×(D/G)×P×Q is the adjoint of Conv2D(D→C) with the same weights.
        LayerDef t = LayerDef.Transposed(4, 3, 4, 6, 3, 2) with
        {
            Stride = 2, Pad = 1, DilationW = 2, Groups = 2, OutPadH = 1, Flip = flip,
        };
        Assert.Equal((6, 7), (t.OutH, t.OutW));
        LayerDef c = LayerDef.Conv(6, 6, 7, 4, 3, 2) with { Stride = 2, Pad = 1, DilationW = 2, Groups = 2, Flip = flip };
        Assert.Equal((3, 4), (c.OutH, c.OutW));
        Assert.Equal(t.WeightsLength, c.WeightsLength);

        var random = new Random(7);
        double[] w = Enumerable.Range(0, t.WeightsLength).Select(_ => (double)random.Next(-4, 5)).ToArray();
        double[] mt = ReferenceConv.DenseMatrix(t, w);
        double[] mc = ReferenceConv.DenseMatrix(c, w);
        for (int s = 0; s < t.OutputLength; s++)
        {
            for (int col = 0; col < t.InputLength; col++)
            {
                Assert.Equal(mc[col * c.InputLength + s], mt[s * t.InputLength + col]);
            }
        }
    }

    [Fact]
    public void OutputSizes_FollowTheSpecFormulas()
    {
        LayerDef a = LayerDef.Conv(1, 8, 6, 1, 3, 3) with { StrideH = 2 };
        Assert.Equal((3, 4), (a.OutH, a.OutW));     // floor((8−3)/2)+1 = 3, 6−3+1 = 4
        LayerDef b = LayerDef.Conv(1, 9, 9, 1, 3, 3) with { Stride = 2, Dilation = 2 };
        Assert.Equal((3, 3), (b.OutH, b.OutW));     // floor((9−4−1)/2)+1 = 3
        LayerDef c = LayerDef.Transposed(16, 8, 8, 8, 4, 4) with { Stride = 2, Pad = 1 };
        Assert.Equal((16, 16), (c.OutH, c.OutW));   // 7·2 − 2 + 3 + 1 = 16
        Assert.Equal(16 * 8 * 16, c.WeightsLength);
    }
}
