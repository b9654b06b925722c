using System;
using System.Linq;
using ConvGen.IntegrationTests.Residual;
using Xunit;

namespace ConvGen.IntegrationTests.Gather;

// Layers whose gather reads no padding and no stride phases, so Forward reads the input channels where they are
// (no staging copy): one whose channels' rows are too large to stage whole (row by row before; 24·40·40 floats), one
// like it with groups, a row stride, dilations, bias, a residual and an activation (10·40·90 floats per group), and a
// small double one whose group was staged whole. Each ends its rows with a narrower vector than the rest.
[Conv2D(24, 40, 40, 8, 3, 3)] public static partial class DirectRows;
[Conv2D(20, 40, 90, 6, 3, 4, StrideH = 2, DilationH = 2, DilationW = 2, Groups = 2, Bias = true, Residual = true, Activation = ConvActivation.Relu)] public static partial class DirectRowsCombo;
[Conv2D(3, 9, 21, 5, 2, 4, ElementType = typeof(double))] public static partial class DirectGroupDouble;

/// <summary>
/// The gather that reads its source in place: Forward against the reference loops (two samples, the last one ending
/// where the input array ends), and the parallel overload, which splits one sample by output rows, bit for bit Forward.
/// </summary>
public sealed class DirectGatherTests
{
    private static double[] Values(int n, double step, double scale = 1) => Enumerable.Range(0, n).Select(i => Math.Sin(i * step) * scale).ToArray();

    private static float[] Floats(double[] a) => Array.ConvertAll(a, v => (float)v);

    private static double[] Doubles(float[] a) => Array.ConvertAll(a, v => (double)v);

    [Fact]
    public void Rows_MatchReference_AndSplitBitForBit()
    {
        var def = LayerDef.Conv(24, 40, 40, 8, 3, 3);
        var (x, w) = (Floats(Values(2 * DirectRows.InputLength, 0.37)), Floats(Values(DirectRows.WeightsLength, 0.11, 0.2)));
        var y = Enumerable.Repeat(float.NaN, 2 * DirectRows.OutputLength).ToArray();
        DirectRows.Forward(x, w, y);
        var zeros = new double[y.Length];
        var (expected, scale) = ResidualReference.Compute(def, "None", false, Doubles(x), Doubles(w), [], zeros);
        ResidualReference.AssertClose(nameof(DirectRows), false, expected, scale, Doubles(y));

        var one = y.AsSpan(0, DirectRows.OutputLength).ToArray();
        foreach (var degree in new[] { 2, 3, -1 })
        {
            var split = Enumerable.Repeat(float.NaN, DirectRows.OutputLength).ToArray();
            DirectRows.Forward(x.AsMemory(0, DirectRows.InputLength), w, split, degree);
            Assert.True(one.AsSpan().SequenceEqual(split), $"degree {degree}");
        }
    }

    [Fact]
    public void RowsCombo_MatchReference_AndSplitBitForBit()
    {
        var def = LayerDef.Conv(20, 40, 90, 6, 3, 4) with { StrideH = 2, DilationH = 2, DilationW = 2, Groups = 2, Bias = true };
        const int input = DirectRowsCombo.InputLength, output = DirectRowsCombo.OutputLength;
        var x = Floats(Values(2 * input, 0.29));
        var w = Floats(Values(DirectRowsCombo.WeightsLength, 0.13, 0.3));
        var b = Floats(Values(DirectRowsCombo.BiasLength, 0.7, 0.5));
        var r = Floats(Values(2 * output, 0.05));
        var y = Enumerable.Repeat(float.NaN, 2 * output).ToArray();
        DirectRowsCombo.Forward(x, w, b, r, y);
        var (expected, scale) = ResidualReference.Compute(def, "Relu", false, Doubles(x), Doubles(w), Doubles(b), Doubles(r));
        ResidualReference.AssertClose(nameof(DirectRowsCombo), false, expected, scale, Doubles(y));

        var inPlace = (float[])r.Clone();
        DirectRowsCombo.Forward(x, w, b, inPlace, inPlace);
        Assert.True(y.AsSpan().SequenceEqual(inPlace), "residual in place");
        foreach (var degree in new[] { 2, 3, -1 })
        {
            var split = Enumerable.Repeat(float.NaN, output).ToArray();
            DirectRowsCombo.Forward(x.AsMemory(0, input), w, b, r.AsMemory(0, output), split, degree);
            Assert.True(y.AsSpan(0, output).SequenceEqual(split), $"degree {degree}");
        }
    }

    [Fact]
    public void GroupDouble_MatchesReference()
    {
        var def = LayerDef.Conv(3, 9, 21, 5, 2, 4);
        var x = Values(3 * DirectGroupDouble.InputLength, 0.41);
        var w = Values(DirectGroupDouble.WeightsLength, 0.17);
        var y = Enumerable.Repeat(double.NaN, 3 * DirectGroupDouble.OutputLength).ToArray();
        DirectGroupDouble.Forward(x, w, y);
        var (expected, scale) = ResidualReference.Compute(def, "None", true, x, w, [], new double[y.Length]);
        ResidualReference.AssertClose(nameof(DirectGroupDouble), true, expected, scale, y);
    }
}
