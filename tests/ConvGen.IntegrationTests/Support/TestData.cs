using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>Deterministic random data, per-layer reference data (cached), and the SPEC's tolerance check.</summary>
public static class TestData
{
    private static readonly ConcurrentDictionary<string, Lazy<LayerData>> Cache = new();

    /// <summary>Values uniform in [−1, 1], rounded to the layer's element type.</summary>
    public static double[] Random(LayerCase layer, int length, int salt)
    {
        var random = new Random(StableHash(layer.Name) ^ (salt * 7919));
        return Enumerable.Range(0, length).Select(_ => layer.Round(random.NextDouble() * 2 - 1)).ToArray();
    }

    public static double[] Filled(int length, double value) => Enumerable.Repeat(value, length).ToArray();

    /// <summary>
    /// Fills the calling thread's kernel scratch (the staging memory the vector kernels take and never zero) with
    /// <paramref name="value"/>, as far as any kernel can ask (a staging buffer is at most 256 KiB, and a batched
    /// [Linear] stages up to 256 KiB of x plus 4 KiB to place it): a kernel that read an element of it before writing it
    /// would then fail the comparison with the reference.
    /// </summary>
    public static void PoisonScratch(double value)
    {
        const int Bytes = (256 + 4) * 1024;
        ConvGenScratch.Float(Bytes / sizeof(float)).Fill((float)value);
        ConvGenScratch.Double(Bytes / sizeof(double)).Fill(value);
    }

    /// <summary>The layer's weights, bias and (lazily) its dense reference matrix, shared by all tests.</summary>
    public static LayerData For(LayerCase layer) =>
        Cache.GetOrAdd(layer.Name, _ => new Lazy<LayerData>(() => new LayerData(layer))).Value;

    /// <summary>
    /// Asserts every element within the SPEC's tolerance: float 1e-4·S + 1e-6, double 1e-12·S + 1e-12,
    /// S being the element's sum of absolute terms. NaN never passes.
    /// </summary>
    public static void AssertClose(LayerCase layer, string what, double[] expected, double[] scale, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double rel = layer.IsDouble ? 1e-12 : 1e-4, abs = layer.IsDouble ? 1e-12 : 1e-6;
        int failures = 0, first = -1, worst = -1;
        double maxError = 0, worstRatio = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double tolerance = rel * scale[i] + abs;
            if (!(error <= tolerance))
            {
                failures++;
                first = first < 0 ? i : first;
            }

            double ratio = double.IsNaN(error) ? double.PositiveInfinity : error / tolerance;
            if (ratio > worstRatio || worst < 0)
            {
                worstRatio = ratio;
                worst = i;
            }

            maxError = double.IsNaN(error) ? double.NaN : Math.Max(maxError, error);
        }

        if (failures > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{layer.Name} {what}: {failures} of {expected.Length} elements out of tolerance; ");
            message.Append(CultureInfo.InvariantCulture, $"first [{first}] expected {expected[first]:R} actual {actual[first]:R} (S = {scale[first]:R}); ");
            message.Append(CultureInfo.InvariantCulture, $"worst [{worst}] expected {expected[worst]:R} actual {actual[worst]:R}; max error {maxError:R}");
            Assert.Fail(message.ToString());
        }
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}

/// <summary>Reference data for one layer: the weights and bias the tests use, and the reference M, |M|.</summary>
public sealed class LayerData
{
    private readonly Lazy<(double[] M, double[] MAbs)> _matrix;

    public LayerData(LayerCase layer)
    {
        IRefLayer def = layer.Geometry;
        Weights = layer.ConstantWeights is { } k
            ? k.Select(layer.Round).ToArray()
            : TestData.Random(layer, def.WeightsLength, salt: 1);
        Bias = TestData.Random(layer, def.BiasLength, salt: 2);
        _matrix = new Lazy<(double[], double[])>(() =>
            (ReferenceConv.DenseMatrix(def, Weights), ReferenceConv.DenseMatrix(def, ReferenceConv.Abs(Weights))));
    }

    public double[] Weights { get; }

    public double[] Bias { get; }

    /// <summary>The reference M (OutputLength × InputLength, row-major) for <see cref="Weights"/>.</summary>
    public double[] M => _matrix.Value.M;

    /// <summary>M built from |Weights|: the accuracy scale of each matrix entry.</summary>
    public double[] MAbs => _matrix.Value.MAbs;
}
