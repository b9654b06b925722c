using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// Every generated member of every registered layer against the independent reference, within the
/// SPEC's per-element tolerance, on batches of 1 and 3. Each destination is pre-filled with garbage
/// (NaN, then 1e6) to show it is overwritten, not accumulated into; Forward and Transpose also run with the thread's
/// kernel scratch filled with it, to show that no kernel reads scratch it has not written.
/// </summary>
public sealed partial class LayerTests
{
    private static readonly double[] Garbage = [double.NaN, 1e6];

    public static TheoryData<string> Names => [.. AllLayers.All.Select(c => c.Name)];

    public static TheoryData<string, int> NamesAndBatches => Batched(_ => true);

    public static TheoryData<string, int> WithWeightsGradient => Batched(c => c.HasWeightsGradient);

    public static TheoryData<string, int> WithBiasGradient => Batched(c => c.HasBiasGradient);

    [Fact]
    public void Registry_HasEnoughLayers_WithUniqueNames()
    {
        Assert.True(Conv2DLayers.All.Count >= 45, $"only {Conv2DLayers.All.Count} layers");
        Assert.True(NdLayers.All.Count >= 40, $"only {NdLayers.All.Count} 1-D and 3-D layers");
        Assert.Equal(AllLayers.All.Count, AllLayers.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Constants_MatchTheReferenceGeometry(string name)
    {
        LayerCase layer = AllLayers.Get(name);
        IReadOnlyDictionary<string, int?> actual = layer.Constants();
        foreach ((string constant, int expected) in layer.Geometry.Constants)
        {
            Assert.True(expected == actual[constant], $"{name}.{constant}: expected {expected}, actual {actual[constant]?.ToString() ?? "missing / not a const int"}");
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndBatches))]
    public void Forward_MatchesReference(string name, int batch)
    {
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        LayerData data = TestData.For(layer);
        double[] x = TestData.Random(layer, batch * d.InputLength, salt: 10 + batch);
        double[] expected = [], scale = [];
        for (int n = 0; n < batch; n++)
        {
            double[] xn = ReferenceConv.Slice(x, n, d.InputLength);
            expected = [.. expected, .. ReferenceConv.Forward(d, xn, data.Weights, data.Bias)];
            scale = [.. scale, .. ReferenceConv.ForwardS(d, xn, data.Weights, data.Bias)];
        }

        foreach (double fill in Garbage)
        {
            double[] y = TestData.Filled(batch * d.OutputLength, fill);
            TestData.PoisonScratch(fill);
            layer.Forward(x, data.Weights, data.Bias, y);
            TestData.AssertClose(layer, $"Forward (N={batch}, destination pre-filled with {fill})", expected, scale, y);
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndBatches))]
    public void Transpose_MatchesReference(string name, int batch)
    {
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        LayerData data = TestData.For(layer);
        double[] y = TestData.Random(layer, batch * d.OutputLength, salt: 20 + batch);
        double[] expected = [], scale = [];
        for (int n = 0; n < batch; n++)
        {
            double[] yn = ReferenceConv.Slice(y, n, d.OutputLength);
            expected = [.. expected, .. ReferenceConv.Transpose(d, data.M, yn)];
            scale = [.. scale, .. ReferenceConv.Transpose(d, data.MAbs, ReferenceConv.Abs(yn))];
        }

        foreach (double fill in Garbage)
        {
            double[] x = TestData.Filled(batch * d.InputLength, fill);
            TestData.PoisonScratch(fill);
            layer.Transpose(y, data.Weights, x);
            TestData.AssertClose(layer, $"Transpose (N={batch}, destination pre-filled with {fill})", expected, scale, x);
        }
    }

    [Theory]
    [MemberData(nameof(WithWeightsGradient))]
    public void WeightsGradient_MatchesReference(string name, int batch)
    {
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        double[] x = TestData.Random(layer, batch * d.InputLength, salt: 30 + batch);
        double[] g = TestData.Random(layer, batch * d.OutputLength, salt: 40 + batch);
        double[] expected = ReferenceConv.WeightsGradient(d, x, g, batch);
        double[] scale = ReferenceConv.WeightsGradient(d, x, g, batch, abs: true);

        foreach (double fill in Garbage)
        {
            double[] dw = TestData.Filled(d.WeightsLength, fill);
            layer.WeightsGradient(x, g, dw);
            TestData.AssertClose(layer, $"WeightsGradient (N={batch}, destination pre-filled with {fill})", expected, scale, dw);
        }
    }

    [Theory]
    [MemberData(nameof(WithBiasGradient))]
    public void BiasGradient_MatchesReference(string name, int batch)
    {
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        double[] g = TestData.Random(layer, batch * d.OutputLength, salt: 50 + batch);
        double[] expected = ReferenceConv.BiasGradient(d, g, batch);
        double[] scale = ReferenceConv.BiasGradient(d, g, batch, abs: true);

        foreach (double fill in Garbage)
        {
            double[] db = TestData.Filled(d.BiasLength, fill);
            layer.BiasGradient(g, db);
            TestData.AssertClose(layer, $"BiasGradient (N={batch}, destination pre-filled with {fill})", expected, scale, db);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ToMatrix_IsTheReferenceM(string name)
    {
        // Row s = u·H'·W' + v·W' + w, column t = i·H·W + j·W + k: the reference builds column t as Forward(e_t).
        LayerCase layer = AllLayers.Get(name);
        LayerData data = TestData.For(layer);
        foreach (double fill in Garbage)
        {
            double[] m = TestData.Filled(data.M.Length, fill);
            layer.ToMatrix(data.Weights, m);
            TestData.AssertClose(layer, $"ToMatrix (destination pre-filled with {fill})", data.M, data.MAbs, m);
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndBatches))]
    public void ToMatrixTimesInput_IsForwardsLinearPart(string name, int batch)
    {
        // activation(ToMatrix·x + bias) must agree with Forward(x): both within tolerance of the reference.
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        LayerData data = TestData.For(layer);
        double[] m = new double[d.OutputLength * d.InputLength];
        layer.ToMatrix(data.Weights, m);
        double[] x = TestData.Random(layer, batch * d.InputLength, salt: 60 + batch);
        double[] y = new double[batch * d.OutputLength];
        layer.Forward(x, data.Weights, data.Bias, y);

        double[] viaMatrix = new double[y.Length], scale = new double[y.Length];
        int plane = d.OutputPlane;
        for (int n = 0; n < batch; n++)
        {
            double[] xn = ReferenceConv.Slice(x, n, d.InputLength);
            double[] sn = ReferenceConv.ForwardS(d, xn, data.Weights, data.Bias);
            for (int s = 0; s < d.OutputLength; s++)
            {
                double sum = d.Bias ? data.Bias[s / plane] : 0.0;
                for (int t = 0; t < d.InputLength; t++)
                {
                    sum += m[s * d.InputLength + t] * xn[t];
                }

                viaMatrix[n * d.OutputLength + s] = d.Relu ? Math.Max(0.0, sum) : sum;
                scale[n * d.OutputLength + s] = 2 * sn[s] + 1e-2; // two results, each within tolerance of the reference
            }
        }

        TestData.AssertClose(layer, $"activation(ToMatrix·x + bias) vs Forward (N={batch})", viaMatrix, scale, y);
    }

    private static TheoryData<string, int> Batched(Func<LayerCase, bool> predicate)
    {
        var data = new TheoryData<string, int>();
        foreach (LayerCase layer in AllLayers.All.Where(predicate))
        {
            data.Add(layer.Name, 1);
            data.Add(layer.Name, 3);

            // Dense layers tile 4 samples at a time: 9 runs two full tiles and a remainder.
            if (layer.Name.StartsWith("Linear.", StringComparison.Ordinal)) data.Add(layer.Name, 9);
        }

        return data;
    }
}
