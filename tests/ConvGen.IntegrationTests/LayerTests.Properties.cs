using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>Properties of the generated members that need no reference values: adjointness, finite differences, allocations, shape.</summary>
public sealed partial class LayerTests
{
    public static TheoryData<string> DoubleLinearWithWeightsGradient =>
        [.. AllLayers.All.Where(c => c.IsDouble && c.HasWeightsGradient && !c.Geometry.Relu).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(NamesAndBatches))]
    public void Adjoint_ForwardAndTranspose_SatisfyTheInnerProductIdentity(string name, int batch)
    {
        // ⟨M·x, y⟩ = ⟨x, Mᵀ·y⟩, M·x from Forward with a zero bias (from ToMatrix where ReLU makes Forward non-linear).
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        LayerData data = TestData.For(layer);
        double[] x = TestData.Random(layer, batch * d.InputLength, salt: 70 + batch);
        double[] y = TestData.Random(layer, batch * d.OutputLength, salt: 80 + batch);
        double[] zeroBias = new double[d.BiasLength];

        double[] mx = new double[y.Length];
        if (d.Relu)
        {
            double[] m = new double[d.OutputLength * d.InputLength];
            layer.ToMatrix(data.Weights, m);
            for (int n = 0; n < batch; n++)
            {
                for (int s = 0; s < d.OutputLength; s++)
                {
                    for (int t = 0; t < d.InputLength; t++)
                    {
                        mx[n * d.OutputLength + s] += m[s * d.InputLength + t] * x[n * d.InputLength + t];
                    }
                }
            }
        }
        else
        {
            layer.Forward(x, data.Weights, zeroBias, mx);
        }

        double[] mty = new double[x.Length];
        layer.Transpose(y, data.Weights, mty);

        double scale = 0;
        for (int n = 0; n < batch; n++)
        {
            double[] sn = ReferenceConv.ForwardS(d, ReferenceConv.Slice(x, n, d.InputLength), data.Weights, zeroBias);
            scale += Dot(sn, ReferenceConv.Abs(ReferenceConv.Slice(y, n, d.OutputLength)));
        }

        double lhs = Dot(mx, y), rhs = Dot(x, mty);
        double tolerance = layer.IsDouble ? 2e-12 * scale + 1e-12 * (x.Length + y.Length) : 2e-4 * scale + 1e-6 * (x.Length + y.Length);
        Assert.True(Math.Abs(lhs - rhs) <= tolerance, $"{name} (N={batch}): ⟨Mx, y⟩ = {lhs:R}, ⟨x, Mᵀy⟩ = {rhs:R}, difference {Math.Abs(lhs - rhs):R} > {tolerance:R}");
    }

    [Theory]
    [MemberData(nameof(DoubleLinearWithWeightsGradient))]
    public void Gradients_MatchCentralFiniteDifferencesOfForward(string name)
    {
        // L(W, b) = Σ g ⊙ Forward(x; W, b) over a batch of 2. L is linear in W and b, so central
        // differences are exact up to rounding: about ε·T/h, T being the sum of |terms| of L.
        const int batch = 2;
        const double h = 1e-2;
        LayerCase layer = AllLayers.Get(name);
        IRefLayer d = layer.Geometry;
        LayerData data = TestData.For(layer);
        double[] x = TestData.Random(layer, batch * d.InputLength, salt: 90);
        double[] g = TestData.Random(layer, batch * d.OutputLength, salt: 91);
        double Loss(double[] w, double[] b)
        {
            var y = new double[g.Length];
            layer.Forward(x, w, b, y);
            return Dot(g, y);
        }

        double terms = 0;
        for (int n = 0; n < batch; n++)
        {
            double[] sn = ReferenceConv.ForwardS(d, ReferenceConv.Slice(x, n, d.InputLength), data.Weights, data.Bias);
            terms += Dot(sn, ReferenceConv.Abs(ReferenceConv.Slice(g, n, d.OutputLength)));
        }

        double tolerance = 1e-10 * terms + 1e-12;
        double[] dw = new double[d.WeightsLength];
        layer.WeightsGradient(x, g, dw);
        for (int e = 0; e < dw.Length; e++)
        {
            double fd = (Loss(Nudge(data.Weights, e, h), data.Bias) - Loss(Nudge(data.Weights, e, -h), data.Bias)) / (2 * h);
            Assert.True(Math.Abs(fd - dw[e]) <= tolerance, $"{name} WeightsGradient[{e}]: finite difference {fd:R}, generated {dw[e]:R}");
        }

        if (!d.Bias)
        {
            return;
        }

        double[] db = new double[d.BiasLength];
        layer.BiasGradient(g, db);
        for (int u = 0; u < db.Length; u++)
        {
            double fd = (Loss(data.Weights, Nudge(data.Bias, u, h)) - Loss(data.Weights, Nudge(data.Bias, u, -h))) / (2 * h);
            Assert.True(Math.Abs(fd - db[u]) <= tolerance, $"{name} BiasGradient[{u}]: finite difference {fd:R}, generated {db[u]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryMember_IsAllocationFree(string name)
    {
        IReadOnlyDictionary<string, long> bytes = AllLayers.Get(name).MeasureAllocations(batch: 2);
        string[] allocating = [.. bytes.Where(kv => kv.Value != 0).Select(kv => $"{kv.Key}: {kv.Value} bytes")];
        Assert.True(allocating.Length == 0, $"{name} allocates per call: {string.Join(", ", allocating)}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Members_HaveTheSpecsParameterNames(string name)
    {
        LayerCase layer = AllLayers.Get(name);
        string[] w = layer.ConstantWeights is null ? ["weights"] : [];
        string[] b = layer.Geometry.Bias ? ["bias"] : [];
        ExpectParameters(layer, "Forward", ["input", .. w, .. b, "output"]);
        ExpectParameters(layer, "Transpose", ["output", .. w, "input"]);
        ExpectParameters(layer, "WeightsGradient", layer.ConstantWeights is null ? ["input", "outputGradient", "weightsGradient"] : null);
        ExpectParameters(layer, "BiasGradient", layer.Geometry.Bias ? ["outputGradient", "biasGradient"] : null);
        ExpectParameters(layer, "ToMatrix", [.. w, "matrix"]);
        ExpectParameters(layer, "Forward", ["input", .. w, .. b, "output", "maxDegreeOfParallelism"], parallel: true);
    }

    [Theory]
    [InlineData("LargePadded")]
    [InlineData("LargeConst")]
    [InlineData("LargeFlipDouble")]
    public void Forward_IsThreadSafe(string name)
    {
        LayerCase layer = Conv2DLayers.Get(name);
        LayerDef d = layer.Def;
        LayerData data = TestData.For(layer);
        double[][] inputs = [.. Enumerable.Range(0, 8).Select(i => TestData.Random(layer, d.InputLength, salt: 100 + i))];
        double[][] sequential = [.. inputs.Select(x => Run(x))];
        double[][] parallel = new double[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Run(inputs[i]));
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }

        double[] Run(double[] x)
        {
            var y = new double[d.OutputLength];
            layer.Forward(x, data.Weights, data.Bias, y);
            return y;
        }
    }

    /// <summary>
    /// Checks the one public static <paramref name="member"/> of the span form (or, with <paramref name="parallel"/>, the one
    /// <c>Forward(…, int maxDegreeOfParallelism)</c> overload on Memory operands) has the spec's parameter names.
    /// </summary>
    private static void ExpectParameters(LayerCase layer, string member, string[]? expected, bool parallel = false)
    {
        MethodInfo[] methods = [.. layer.LayerType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == member && IsParallel(m) == parallel)];
        if (expected is null)
        {
            Assert.True(methods.Length == 0, $"{layer.Name}.{member} must not exist");
            return;
        }

        Assert.True(methods.Length == 1, $"{layer.Name}.{member}: expected exactly one public static overload, found {methods.Length}");
        string[] actual = [.. methods[0].GetParameters().Select(p => p.Name ?? "?")];
        Assert.True(expected.SequenceEqual(actual), $"{layer.Name}.{member}({string.Join(", ", actual)}), expected ({string.Join(", ", expected)})");
        Assert.Equal(typeof(void), methods[0].ReturnType);
    }

    private static bool IsParallel(MethodInfo method) =>
        method.GetParameters() is [.., { Name: "maxDegreeOfParallelism" } last] && last.ParameterType == typeof(int);

    private static double[] Nudge(double[] values, int index, double delta)
    {
        double[] copy = [.. values];
        copy[index] += delta;
        return copy;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
