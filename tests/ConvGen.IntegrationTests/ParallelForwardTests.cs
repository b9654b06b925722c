using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ConvGen.IntegrationTests.Linear;
using ConvGen.IntegrationTests.Residual;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// <c>Forward(…, maxDegreeOfParallelism)</c>: bit for bit the single-threaded Forward on every registered layer (batches
/// split by samples, one sample split by output rows), its argument errors, and no allocation once warm.
/// </summary>
public sealed class ParallelForwardTests
{
    public static TheoryData<string> Layers()
    {
        var data = new TheoryData<string>();
        foreach (var layer in AllLayers.All.Concat(PaddingTransposeLayers.All).Select(l => l.Name).Distinct())
            data.Add(layer);
        return data;
    }

    private static LayerCase Find(string name) => AllLayers.All.Concat(PaddingTransposeLayers.All).First(l => l.Name == name);

    private static MethodInfo ParallelForward(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "Forward" && m.GetParameters() is { Length: > 0 } p && p[^1].ParameterType == typeof(int));

    /// <summary>Runs the parallel overload on double data converted to the layer's element type.</summary>
    private static double[] RunParallel(LayerCase layer, double[] x, double[] w, double[] b, int outputLength, int degree)
    {
        var method = ParallelForward(layer.LayerType);
        object Ro(double[] a) => layer.IsDouble ? new ReadOnlyMemory<double>(a) : new ReadOnlyMemory<float>(Array.ConvertAll(a, v => (float)v));
        var output = layer.IsDouble ? (Array)new double[outputLength] : new float[outputLength];
        var args = method.GetParameters().Select(p => p.Name switch
        {
            "input" => Ro(x),
            "weights" => Ro(w),
            "bias" => Ro(b),
            "output" => layer.IsDouble ? new Memory<double>((double[])output) : (object)new Memory<float>((float[])output),
            "maxDegreeOfParallelism" => degree,
            _ => throw new InvalidOperationException($"{layer.Name}: unexpected parameter {p.Name}"),
        }).ToArray();
        method.Invoke(null, args);
        return output is double[] d ? d : Array.ConvertAll((float[])output, v => (double)v);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Parallel_MatchesForward_BitForBit(string name)
    {
        var layer = Find(name);
        var data = TestData.For(layer);
        var (inputLength, outputLength) = (layer.Geometry.InputLength, layer.Geometry.OutputLength);
        foreach (var batch in new[] { 1, 2, 5 })
        {
            var x = TestData.Random(layer, batch * inputLength, salt: 40 + batch);
            var expected = new double[batch * outputLength];
            layer.Forward(x, data.Weights, data.Bias, expected);
            foreach (var degree in new[] { 1, 2, 3, -1 })
            {
                var actual = RunParallel(layer, x, data.Weights, data.Bias, batch * outputLength, degree);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}: batch {batch}, degree {degree} differs from Forward");
            }
        }
    }

    /// <summary>Every layer kind the registries hold has the overload: the theory above cannot skip one silently.</summary>
    [Fact]
    public void EveryRegisteredLayer_HasTheOverload()
    {
        foreach (var layer in AllLayers.All.Concat(PaddingTransposeLayers.All))
            Assert.NotNull(ParallelForward(layer.LayerType));
    }

    /// <summary>One sample split by rows across threads (RSimd: 549 k multiply-adds, above the split threshold), repeated:
    /// the same bits each time (no race between units).</summary>
    [Fact]
    public void LargeLayer_OneSample_ManyCalls_Identical()
    {
        var x = Enumerable.Range(0, RSimd.InputLength).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var w = Enumerable.Range(0, RSimd.WeightsLength).Select(i => MathF.Cos(i * 0.11f)).ToArray();
        var b = Enumerable.Range(0, RSimd.BiasLength).Select(i => i * 0.1f - 0.5f).ToArray();
        var r = Enumerable.Range(0, RSimd.OutputLength).Select(i => MathF.Cos(i * 0.13f)).ToArray();
        var expected = new float[RSimd.OutputLength];
        RSimd.Forward(x, w, b, r, expected);
        var y = new float[RSimd.OutputLength];
        for (var i = 0; i < 200; i++)
        {
            Array.Fill(y, float.NaN);
            RSimd.Forward(x.AsMemory(), w, b, r, y.AsMemory(), 2);
            Assert.True(expected.AsSpan().SequenceEqual(y), $"call {i}");
        }
    }

    /// <summary>
    /// Six calling threads at once, each splitting one sample over three threads (more helpers than the process's
    /// ProcessorCount − 1 worker threads, so calls also hand units to the thread pool and find workers busy with another
    /// caller's job), 100 calls each: every output the same bits as Forward.
    /// </summary>
    [Fact]
    public void ConcurrentCallers_MoreHelpersThanWorkers_Identical()
    {
        var x = Enumerable.Range(0, RSimd.InputLength).Select(i => MathF.Sin(i * 0.29f)).ToArray();
        var w = Enumerable.Range(0, RSimd.WeightsLength).Select(i => MathF.Cos(i * 0.17f)).ToArray();
        var b = Enumerable.Range(0, RSimd.BiasLength).Select(i => i * 0.2f - 0.3f).ToArray();
        var r = Enumerable.Range(0, RSimd.OutputLength).Select(i => MathF.Sin(i * 0.07f)).ToArray();
        var expected = new float[RSimd.OutputLength];
        RSimd.Forward(x, w, b, r, expected);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 6).Select(t => new System.Threading.Thread(() =>
        {
            var y = new float[RSimd.OutputLength];
            for (var i = 0; i < 100; i++)
            {
                Array.Fill(y, float.NaN);
                RSimd.Forward(x.AsMemory(), w, b, r, y.AsMemory(), 3);
                if (!expected.AsSpan().SequenceEqual(y)) failures.Add($"thread {t}, call {i}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    /// <summary>
    /// A [Linear] of 265,216 multiply-adds splits one sample into ranges of W's rows: bit for bit Forward at batches 1,
    /// 2 and 5 (a residual in place too), and Forward against the reference loops.
    /// </summary>
    [Fact]
    public void Linear_OneSample_SplitByRows_MatchesForward()
    {
        foreach (var batch in new[] { 1, 2, 5 })
        {
            var x = Enumerable.Range(0, batch * LSplit.InputLength).Select(i => MathF.Sin(i * 0.37f)).ToArray();
            var w = Enumerable.Range(0, LSplit.WeightsLength).Select(i => MathF.Cos(i * 0.11f) * 0.1f).ToArray();
            var b = Enumerable.Range(0, LSplit.BiasLength).Select(i => i * 0.01f - 0.5f).ToArray();
            var r = Enumerable.Range(0, batch * LSplit.OutputLength).Select(i => MathF.Cos(i * 0.13f)).ToArray();
            var expected = new float[batch * LSplit.OutputLength];
            LSplit.Forward(x, w, b, r, expected);
            var (reference, scale) = ResidualReference.Compute(new LinearDef(1024, 259) { Bias = true }, "Relu", false,
                Array.ConvertAll(x, v => (double)v), Array.ConvertAll(w, v => (double)v), Array.ConvertAll(b, v => (double)v), Array.ConvertAll(r, v => (double)v));
            ResidualReference.AssertClose("LSplit", false, reference, scale, Array.ConvertAll(expected, v => (double)v));
            foreach (var degree in new[] { 2, 3, -1 })
            {
                var y = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
                LSplit.Forward(x, w, b, r, y.AsMemory(), degree);
                Assert.True(expected.AsSpan().SequenceEqual(y), $"batch {batch}, degree {degree}");
                y = (float[])r.Clone();
                LSplit.Forward(x, w, b, y, y.AsMemory(), degree);
                Assert.True(expected.AsSpan().SequenceEqual(y), $"in place: batch {batch}, degree {degree}");
            }

            var xd = Enumerable.Range(0, batch * LSplitDouble.InputLength).Select(i => Math.Sin(i * 0.37)).ToArray();
            var wd = Enumerable.Range(0, LSplitDouble.WeightsLength).Select(i => Math.Cos(i * 0.11)).ToArray();
            var expectedDouble = new double[batch * LSplitDouble.OutputLength];
            LSplitDouble.Forward(xd, wd, expectedDouble);
            foreach (var degree in new[] { 2, 3, -1 })
            {
                var y = new double[expectedDouble.Length];
                LSplitDouble.Forward(xd, wd, y.AsMemory(), degree);
                Assert.True(expectedDouble.AsSpan().SequenceEqual(y), $"double: batch {batch}, degree {degree}");
            }
        }
    }

    /// <summary>The residual may be the output itself: split by rows, each row still reads its own residual before writing.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Residual_InPlace_MatchesForward(int batch)
    {
        var n = batch * RSimd.OutputLength;
        var x = Enumerable.Range(0, batch * RSimd.InputLength).Select(i => MathF.Sin(i * 0.3f)).ToArray();
        var w = Enumerable.Range(0, RSimd.WeightsLength).Select(i => MathF.Cos(i * 0.7f) * 0.2f).ToArray();
        var b = Enumerable.Range(0, RSimd.BiasLength).Select(i => i * 0.1f - 0.5f).ToArray();
        var r = Enumerable.Range(0, n).Select(i => MathF.Cos(i * 0.13f)).ToArray();
        var expected = (float[])r.Clone();
        RSimd.Forward(x, w, b, expected, expected);
        foreach (var degree in new[] { 2, 3 })
        {
            var y = (float[])r.Clone();
            RSimd.Forward(x.AsMemory(), w, b, y, y.AsMemory(), degree);
            Assert.True(expected.AsSpan().SequenceEqual(y), $"degree {degree}");
        }
    }

    /// <summary>A depthwise layer (8 groups) splits one sample by groups: in place, each group still reads its own residual first.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Residual_InPlace_SplitByGroups_MatchesForward(int batch)
    {
        var n = batch * RDepthwise.OutputLength;
        var x = Enumerable.Range(0, batch * RDepthwise.InputLength).Select(i => MathF.Sin(i * 0.3f)).ToArray();
        var w = Enumerable.Range(0, RDepthwise.WeightsLength).Select(i => MathF.Cos(i * 0.7f) * 0.2f).ToArray();
        var b = Enumerable.Range(0, RDepthwise.BiasLength).Select(i => i * 0.1f - 0.5f).ToArray();
        var r = Enumerable.Range(0, n).Select(i => MathF.Cos(i * 0.13f)).ToArray();
        var expected = (float[])r.Clone();
        RDepthwise.Forward(x, w, b, expected, expected);
        foreach (var degree in new[] { 2, -1 })
        {
            var y = (float[])r.Clone();
            RDepthwise.Forward(x.AsMemory(), w, b, y, y.AsMemory(), degree);
            Assert.True(expected.AsSpan().SequenceEqual(y), $"degree {degree}");
        }
    }

    /// <summary>
    /// A 1×1 layer (37 output channels, more register blocks than threads, the last block clamped) splits one sample by
    /// output channels: in place, a range never rewrites the channels of the range before.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Residual_InPlace_SplitByChannels_MatchesForward(int batch)
    {
        var channelBlock = KernelsProperty(typeof(RPointwise), "ChannelBlock");
        // Two register blocks per thread at degree 2 (the split's condition), the last one clamped: on every vector width.
        Assert.True((37 + channelBlock - 1) / channelBlock >= 4 && 37 % channelBlock != 0, $"channel block {channelBlock}: the split is not exercised");
        InPlaceAndSeparate(batch, RPointwise.InputLength, RPointwise.OutputLength, RPointwise.WeightsLength, RPointwise.BiasLength,
            (x, w, b, r, y) => RPointwise.Forward(x, w, b, r, y), (x, w, b, r, y, degree) => RPointwise.Forward(x.AsMemory(), w, b, r, y.AsMemory(), degree));
    }

    /// <summary>
    /// A 1×1 layer with too few channel blocks to split by (8 output channels) splits one sample by rows: its kernel reads
    /// each plane as one row of positions, so a row range is a range of positions, and the last tile of each range
    /// overlaps the one before. In place, a range never rewrites the positions of the range before.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Residual_InPlace_PointwiseSplitByRows_MatchesForward(int batch)
    {
        var channelBlock = KernelsProperty(typeof(RPointwiseRows), "ChannelBlock");
        var rowBlock = KernelsProperty(typeof(RPointwiseRows), "RowBlock");
        // Fewer than two register blocks of channels per thread at degree 2, and several row ranges: on every vector width.
        Assert.True((8 + channelBlock - 1) / channelBlock < 4 && 70 / rowBlock >= 2, $"channel block {channelBlock}, row block {rowBlock}: the row split is not exercised");
        InPlaceAndSeparate(batch, RPointwiseRows.InputLength, RPointwiseRows.OutputLength, RPointwiseRows.WeightsLength, RPointwiseRows.BiasLength,
            (x, w, b, r, y) => RPointwiseRows.Forward(x, w, b, r, y), (x, w, b, r, y, degree) => RPointwiseRows.Forward(x.AsMemory(), w, b, r, y.AsMemory(), degree));
    }

    /// <summary>An int property of a layer's generated kernels class (ChannelBlock, RowBlock: the running variant's).</summary>
    private static int KernelsProperty(Type layer, string name) =>
        (int)layer.GetNestedType("ConvGenKernels", System.Reflection.BindingFlags.NonPublic)!.GetProperty(name)!.GetValue(null)!;

    /// <summary>A residual layer's parallel Forward at degrees 2, 3 and all, in place and into a separate output: bit for
    /// bit its single-threaded Forward.</summary>
    private static void InPlaceAndSeparate(int batch, int inputLength, int outputLength, int weightsLength, int biasLength,
        Action<float[], float[], float[], float[], float[]> forward, Action<float[], float[], float[], float[], float[], int> parallel)
    {
        var n = batch * outputLength;
        var x = Enumerable.Range(0, batch * inputLength).Select(i => MathF.Sin(i * 0.3f)).ToArray();
        var w = Enumerable.Range(0, weightsLength).Select(i => MathF.Cos(i * 0.7f) * 0.2f).ToArray();
        var b = Enumerable.Range(0, biasLength).Select(i => i * 0.1f - 0.5f).ToArray();
        var r = Enumerable.Range(0, n).Select(i => MathF.Cos(i * 0.13f)).ToArray();
        var expected = (float[])r.Clone();
        forward(x, w, b, expected, expected);
        foreach (var degree in new[] { 2, 3, -1 })
        {
            var y = (float[])r.Clone();
            parallel(x, w, b, y, y, degree);
            Assert.True(expected.AsSpan().SequenceEqual(y), $"degree {degree}");
            var fresh = new float[n];
            var expectedFresh = new float[n];
            forward(x, w, b, r, expectedFresh);
            parallel(x, w, b, r, fresh, degree);
            Assert.True(expectedFresh.AsSpan().SequenceEqual(fresh), $"degree {degree}, separate output");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void BadDegree_Throws_WritesNothing(int degree)
    {
        var y = new float[LargePadded.OutputLength];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            LargePadded.Forward(new float[LargePadded.InputLength].AsMemory(), new float[LargePadded.WeightsLength], y.AsMemory(), degree));
        Assert.Equal("maxDegreeOfParallelism", e.ParamName);
        Assert.All(y, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void BadLengths_Throw_AsForward_WritesNothing()
    {
        var y = Enumerable.Repeat(7f, 2 * LargePadded.OutputLength).ToArray();
        var e = Assert.Throws<ArgumentException>(() =>
            LargePadded.Forward(new float[3 * LargePadded.InputLength].AsMemory(), new float[LargePadded.WeightsLength], y.AsMemory(), 2));
        Assert.Equal("output", e.ParamName);
        e = Assert.Throws<ArgumentException>(() =>
            LargePadded.Forward(new float[2 * LargePadded.InputLength].AsMemory(), new float[LargePadded.WeightsLength - 1], y.AsMemory(), 2));
        Assert.Equal("weights", e.ParamName);
        var shared = new float[LargePadded.InputLength + LargePadded.OutputLength];
        e = Assert.Throws<ArgumentException>(() =>
            LargePadded.Forward(shared.AsMemory(0, LargePadded.InputLength), new float[LargePadded.WeightsLength], shared.AsMemory(1, LargePadded.OutputLength), 2));
        Assert.Equal("output", e.ParamName);
        Assert.All(y, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void Parallel_AllocatesNothing_OnceWarm()
    {
        var x = new float[4 * LargePadded.InputLength];
        var w = new float[LargePadded.WeightsLength];
        var y = new float[4 * LargePadded.OutputLength];
        var one = y.AsMemory(0, LargePadded.OutputLength);
        var least = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            LargePadded.Forward(x.AsMemory(), w, y.AsMemory(), 2);
            LargePadded.Forward(x.AsMemory(0, LargePadded.InputLength), w, one, 2);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20; i++)
            {
                LargePadded.Forward(x.AsMemory(), w, y.AsMemory(), 2);
                LargePadded.Forward(x.AsMemory(0, LargePadded.InputLength), w, one, 2);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }
}
