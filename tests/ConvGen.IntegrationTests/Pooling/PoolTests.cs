using System;
using System.Linq;
using Xunit;

namespace ConvGen.IntegrationTests.Pooling;

/// <summary>
/// Every pooling layer of PoolLayers.cs against <see cref="PoolDef"/>'s plain loops (PyTorch's definitions written
/// again), plus properties that need no reference: average pooling's Backward is Forward's adjoint, max pooling's
/// Backward is the derivative by finite differences away from ties, and the NaN and tie rules on hand-made windows.
/// </summary>
public sealed class PoolTests
{
    public static TheoryData<string> Names => [.. PoolRegistry.All.Select(c => c.Name)];

    public static TheoryData<string> DoubleMaxNames => [.. PoolRegistry.All.Where(c => c.IsDouble && c.Def.Max).Select(c => c.Name)];

    public static TheoryData<string> AverageNames => [.. PoolRegistry.All.Where(c => !c.Def.Max).Select(c => c.Name)];

    private static double[] Random(PoolCase layer, int length, int salt)
    {
        var random = new Random(layer.Name.Aggregate(17, (h, ch) => h * 31 + ch) ^ salt);
        return Enumerable.Range(0, length).Select(_ => layer.Round(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static void AssertClose(PoolCase layer, string what, double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double tolerance = layer.IsDouble ? 1e-12 : 2e-6;
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{layer.Name} {what}: element {i} is {actual[i]}, expected {expected[i]}");
    }

    [Fact]
    public void Every_pooling_attribute_is_covered()
    {
        var kinds = PoolRegistry.All.Select(c => (c.Def.Max, c.Def.Rank)).Distinct().Count();
        Assert.Equal(6, kinds);
        Assert.Contains(PoolRegistry.All, c => c.Def.Ceil && !c.Def.Max && !c.Def.CountIncludePad);
        Assert.Contains(PoolRegistry.All, c => c.Def.Dilation.Any(d => d > 1));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Constants_are_the_pooling_sizes(string name)
    {
        var layer = PoolRegistry.Get(name);
        var def = layer.Def;
        Assert.Equal(def.InputLength, layer.Constant("InputLength"));
        Assert.Equal(def.OutputLength, layer.Constant("OutputLength"));
        Assert.Equal(def.C, layer.Constant("InputChannels"));
        Assert.Equal(def.C, layer.Constant("OutputChannels"));
        string[] nouns = def.Rank switch { 1 => ["Width"], 2 => ["Height", "Width"], _ => ["Depth", "Height", "Width"] };
        for (int i = 0; i < def.Rank; i++)
        {
            Assert.Equal(def.Size[i], layer.Constant("Input" + nouns[i]));
            Assert.Equal(def.Output(i), layer.Constant("Output" + nouns[i]));
            Assert.Equal(def.Kernel[i], layer.Constant("Kernel" + nouns[i]));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_the_plain_loop(string name)
    {
        var layer = PoolRegistry.Get(name);
        foreach (var n in new[] { 1, 3 })
        {
            var x = Random(layer, n * layer.Def.InputLength, n);
            var y = Enumerable.Repeat(double.NaN, n * layer.Def.OutputLength).ToArray();
            layer.Forward(x, y);
            var expected = layer.Def.Forward(x);
            if (layer.Def.Max) Assert.Equal(expected, y); // a maximum is one of the inputs: exact
            else AssertClose(layer, "Forward", expected, y);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_matches_the_plain_loop(string name)
    {
        var layer = PoolRegistry.Get(name);
        const int n = 2;
        var x = Random(layer, n * layer.Def.InputLength, 5);
        var gy = Random(layer, n * layer.Def.OutputLength, 6);
        var gx = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        layer.Backward(x, gy, gx);
        AssertClose(layer, "Backward", layer.Def.Backward(x, gy), gx);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Ties_send_the_gradient_to_the_first_element_in_scan_order(string name)
    {
        var layer = PoolRegistry.Get(name);
        // Values from {0, 1}: every window has ties.
        var x = Random(layer, layer.Def.InputLength, 7).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        var gy = Random(layer, layer.Def.OutputLength, 8);
        var gx = new double[x.Length];
        layer.Backward(x, gy, gx);
        AssertClose(layer, "Backward with ties", layer.Def.Backward(x, gy), gx);
    }

    [Theory]
    [MemberData(nameof(AverageNames))]
    public void Average_backward_is_the_adjoint_of_forward(string name)
    {
        var layer = PoolRegistry.Get(name);
        var x = Random(layer, layer.Def.InputLength, 9);
        var g = Random(layer, layer.Def.OutputLength, 10);
        var y = new double[g.Length];
        var gx = new double[x.Length];
        layer.Forward(x, y);
        layer.Backward(x, g, gx);
        double left = y.Zip(g, (a, b) => a * b).Sum(), right = x.Zip(gx, (a, b) => a * b).Sum();
        double scale = y.Zip(g, (a, b) => Math.Abs(a * b)).Sum();
        Assert.True(Math.Abs(left - right) <= (layer.IsDouble ? 1e-12 : 1e-5) * (1 + scale), $"<Mx, g> = {left}, <x, Mᵀg> = {right}");
    }

    [Theory]
    [MemberData(nameof(DoubleMaxNames))]
    public void Max_backward_is_the_derivative_away_from_ties(string name)
    {
        var layer = PoolRegistry.Get(name);
        var x = Random(layer, layer.Def.InputLength, 11);
        var g = Random(layer, layer.Def.OutputLength, 12);
        var gx = new double[x.Length];
        layer.Backward(x, g, gx);
        double Loss(double[] input)
        {
            var y = new double[g.Length];
            layer.Forward(input, y);
            return y.Zip(g, (a, b) => a * b).Sum();
        }

        const double h = 1e-7;
        var step = Math.Max(1, x.Length / 300); // long layers: every step-th element
        for (int i = 0; i < x.Length; i += step)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - gx[i]) <= 1e-6, $"element {i}: finite differences {numeric}, Backward {gx[i]}");
        }
    }

    [Fact]
    public void NaN_is_the_maximum_and_the_last_NaN_takes_the_gradient()
    {
        // [MaxPool2D(16, 8, 8, 2, 2)]: output [0, 0, 0] reads input (0,0), (0,1), (1,0), (1,1) = indices 0, 1, 8, 9.
        var x = new float[PMax2Digits.InputLength];
        x[0] = 5;
        x[1] = float.NaN;
        x[8] = 7;
        x[9] = float.NaN;
        var y = new float[PMax2Digits.OutputLength];
        PMax2Digits.Forward(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(0f, y[1]);

        var gy = new float[PMax2Digits.OutputLength];
        gy[0] = 3;
        var gx = new float[x.Length];
        PMax2Digits.Backward(x, gy, gx);
        Assert.Equal(3f, gx[9]);
        Assert.Equal(3f, gx.Sum());
    }

    [Fact]
    public void A_window_wholly_in_the_padding_is_minus_infinity_with_no_gradient()
    {
        // [MaxPool1D(2, 17, 4, Stride = 2, Padding = 2, Dilation = 2, CeilMode = true)]: window 0 reads −2, 0, 2, 4 (three
        // inside); the reference decides every window, and the output is −∞ only where it says so.
        var layer = PoolRegistry.Get(nameof(PMax1Ceil));
        var x = Random(layer, layer.Def.InputLength, 13);
        var y = new double[layer.Def.OutputLength];
        layer.Forward(x, y);
        Assert.Equal(layer.Def.Forward(x), y);
    }

    [Fact]
    public void Argument_errors_name_the_parameter_and_write_nothing()
    {
        var x = new float[PAvg2.InputLength * 2];
        var y = Enumerable.Repeat(-1f, PAvg2.OutputLength).ToArray();
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => PAvg2.Forward(x, y)).ParamName);
        Assert.All(y, v => Assert.Equal(-1f, v));
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => PAvg2.Forward(new float[PAvg2.InputLength + 1], new float[PAvg2.OutputLength])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => PAvg2.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty)).ParamName);

        var shared = new float[PAvg2.InputLength + PAvg2.OutputLength];
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => PAvg2.Forward(shared.AsSpan(0, PAvg2.InputLength), shared.AsSpan(PAvg2.InputLength - 1, PAvg2.OutputLength))).ParamName);

        var gx = Enumerable.Repeat(-1f, PMax3.InputLength).ToArray();
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => PMax3.Backward(new float[PMax3.InputLength], new float[PMax3.OutputLength * 2], gx)).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => PMax3.Backward(new float[PMax3.InputLength], new float[PMax3.OutputLength], new float[1])).ParamName);
        var both = new float[PMax3.InputLength * 2];
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => PMax3.Backward(both.AsSpan(0, PMax3.InputLength), new float[PMax3.OutputLength], both.AsSpan(1, PMax3.InputLength))).ParamName);
        Assert.All(gx, v => Assert.Equal(-1f, v));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_and_backward_allocate_nothing_once_warm(string name)
    {
        var layer = PoolRegistry.Get(name);
        var (forward, backward) = Raw(layer);
        forward();
        backward();
        long before = GC.GetAllocatedBytesForCurrentThread();
        forward();
        backward();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The layer's members on preallocated arrays of its own element type (the double wrappers convert).</summary>
    private static (Action Forward, Action Backward) Raw(PoolCase layer)
    {
        var method = typeof(PoolTests).GetMethod(nameof(RawOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(layer.IsDouble ? typeof(double) : typeof(float));
        return ((Action, Action))method.Invoke(null, [layer])!;
    }

    private static (Action, Action) RawOf<T>(PoolCase layer) where T : struct
    {
        var forward = (PoolForward<T>)Delegate.CreateDelegate(typeof(PoolForward<T>), layer.Type.GetMethod("Forward")!);
        var backward = (PoolBackward<T>)Delegate.CreateDelegate(typeof(PoolBackward<T>), layer.Type.GetMethod("Backward")!);
        T[] x = new T[2 * layer.Def.InputLength], y = new T[2 * layer.Def.OutputLength], gx = new T[x.Length];
        return (() => forward(x, y), () => backward(x, y, gx));
    }
}
