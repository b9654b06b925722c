using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.IntegrationTests.Activations;

/// <summary>
/// Every activation × code strategy × element type against an independent double-precision reference written from
/// PyTorch's definitions, on the special inputs (NaN, ±∞, ±0, denormals, large magnitudes, the exponential's overflow
/// points) and a sweep, two samples per call; against PyTorch 1.13's own outputs (Fixtures/Activations); and the
/// vector exponential's measured error. Tolerance: SPEC's 1.5 × (1e-4·S + 1e-6) for float, 1.5 × (1e-12·S + 1e-12)
/// for double, S = |x| + |bias|; a NaN or infinite expectation must be met exactly.
/// </summary>
public sealed class ActivationTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonElement> Fixture = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Activations", "activations.json")));
        return document.RootElement.Clone();
    });

    public static TheoryData<string> Names => [.. ActivationLayers.All.Select(c => c.ToString())];

    private static ActivationCase Case(string name) => ActivationLayers.All.Single(c => c.ToString() == name);

    private static double Read(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, _ => double.NegativeInfinity }
        : e.GetDouble();

    private static double[] FixtureInputs => [.. Fixture.Value.GetProperty("inputs").EnumerateArray().Select(Read)];

    /// <summary>The reference: PyTorch's definitions in double precision, written independently of the generator, with
    /// the slope rounded to the layer's element type as the layer holds it.</summary>
    public static double Reference(string activation, double v, bool isDouble)
    {
        static double Clamp(double v, double lo, double hi) => double.IsNaN(v) ? v : Math.Min(Math.Max(v, lo), hi);
        double Leaky(double alpha) => v >= 0 ? v : (isDouble ? alpha : (float)alpha) * v;
        return activation switch
        {
            "None" => v,
            "Relu" => double.IsNaN(v) ? v : Math.Max(v, 0),
            "Relu6" => Clamp(v, 0, 6),
            "LeakyRelu" => Leaky(0.01),
            "LeakyRelu02" => Leaky(0.2),
            "LeakyRelu0" => Leaky(0),
            "Sigmoid" => 1 / (1 + Math.Exp(-v)),
            "Tanh" => Math.Tanh(v),
            "Silu" => v / (1 + Math.Exp(-v)),
            "HardSigmoid" => Clamp(v / 6 + 0.5, 0, 1),
            "HardSwish" => v * Clamp(v / 6 + 0.5, 0, 1),
            "Clip" => Clamp(v, -1, 2),
            "Clip11" => Clamp(v, -1, 1),
            "ClipMin" => Clamp(v, 0.5, double.PositiveInfinity),
            "ClipMax" => Clamp(v, double.NegativeInfinity, -0.25),
            _ => throw new ArgumentException(activation),
        };
    }

    private static double Reference(ActivationCase c, double v) => Reference(c.Activation, v, c.IsDouble);

    /// <summary>The fixture's inputs, then a sweep over [−50, 50], as one sample of the layer's length.</summary>
    private static double[] Inputs(ActivationCase c)
    {
        var fixture = FixtureInputs;
        var x = new double[c.Length];
        for (var i = 0; i < x.Length; i++)
            x[i] = c.Round(i < fixture.Length ? fixture[i] : -50 + 100.0 * (i - fixture.Length) / Math.Max(1, x.Length - fixture.Length - 1));
        return x;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_MatchesTheReference_OnEveryInput(string name)
    {
        var c = Case(name);
        var one = Inputs(c);
        var x = one.Concat(one.Reverse()).ToArray(); // two samples
        var y = new double[x.Length];
        c.Forward(x, y);
        var expected = x.Select(v => Reference(c, c.Round(v + c.Bias))).ToArray();
        AssertWithin(c, x, expected, y, 1.5);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_MatchesPyTorch(string name)
    {
        var c = Case(name);
        if (c.Bias != 0) return; // PyTorch's fixture is of the activation alone
        var fixture = Fixture.Value.GetProperty("activations").EnumerateArray().Single(a => a.GetProperty("name").GetString() == c.Activation);
        var torch = fixture.GetProperty(c.IsDouble ? "float64" : "float32").EnumerateArray().Select(Read).ToArray();
        var x = Inputs(c);
        var y = new double[x.Length];
        c.Forward(x, y);

        // PyTorch's float32 hardswish computes x·relu6(x + 3)/6, whose product overflows to ∞ for x above ~5.7e37;
        // SPEC's x·HardSigmoid(x) is x there (as PyTorch's float64 result is): those inputs compare with the reference.
        for (var i = 0; i < torch.Length; i++)
            if (c.Activation == "HardSwish" && double.IsInfinity(torch[i]) && !double.IsInfinity(x[i]))
                torch[i] = Reference(c, x[i]);
        AssertWithin(c, x[..torch.Length], torch, y[..torch.Length], 1.5);
    }

    [Fact]
    public void EveryActivationHasEveryStrategy_InBothElementTypes()
    {
        var strategies = ActivationLayers.All.Select(c => c.Strategy).Distinct().ToList();
        var activations = Fixture.Value.GetProperty("activations").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        Assert.Equal(13, activations.Count);
        foreach (var a in activations)
            foreach (var s in strategies)
                foreach (var isDouble in new[] { false, true })
                    Assert.Contains(ActivationLayers.All, c => c.Activation == a && c.Strategy == s && c.IsDouble == isDouble);
    }

    /// <summary>
    /// The vector exponential through σ and SiLU (whose relative error is at most e^x's): 2²⁰ inputs spread over the range where e^x is finite, each
    /// result's relative error against Math.Exp's. The bound asserted is the one the README states.
    /// </summary>
    [Theory]
    [InlineData("Sigmoid_Simd_F", 87.0, 4e-7)]
    [InlineData("Silu_Simd_F", 87.0, 4e-7)]
    [InlineData("Sigmoid_Simd_D", 700.0, 4e-15)]
    [InlineData("Silu_Simd_D", 700.0, 4e-15)]
    public void VectorExponential_ErrorIsBounded(string name, double range, double bound)
    {
        var c = Case(name);
        double worst = 0, worstAt = 0;
        var x = new double[c.Length];
        var y = new double[c.Length];
        const int Calls = 512;
        for (var call = 0; call < Calls; call++)
        {
            for (var i = 0; i < x.Length; i++)
                x[i] = c.Round(-range + 2 * range * ((double)call * x.Length + i) / ((double)Calls * x.Length - 1));
            c.Forward(x, y);
            for (var i = 0; i < x.Length; i++)
            {
                var e = Reference(c, x[i]);
                if (e == 0) continue;
                var error = Math.Abs(y[i] - e) / Math.Abs(e);
                if (error > worst) (worst, worstAt) = (error, x[i]);
            }
        }

        output.WriteLine($"{name}: largest relative error {worst:E2} at x = {worstAt:R} over {Calls * x.Length} inputs in [−{range}, {range}]");
        Assert.True(worst <= bound, $"{name}: relative error {worst:E2} at x = {worstAt:R} exceeds {bound:E1}");
    }

    /// <summary>Asserts every element within the bound and reports the worst error as a fraction of it.</summary>
    private void AssertWithin(ActivationCase c, double[] x, double[] expected, double[] actual, double factor)
    {
        double rel = c.IsDouble ? 1e-12 : 1e-4, abs = c.IsDouble ? 1e-12 : 1e-6;
        var failures = new List<string>();
        double worst = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            var bound = factor * (rel * (Math.Abs(x[i]) + Math.Abs(c.Bias)) + abs);
            var ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? a == e
                : !double.IsNaN(a) && Math.Abs(a - e) <= bound;
            if (ok && double.IsFinite(e)) worst = Math.Max(worst, Math.Abs(a - e) / bound);
            if (!ok && failures.Count < 8) failures.Add($"x[{i}] = {x[i]:R}: expected {e:R}, got {a:R}");
        }

        output.WriteLine($"{c}: worst error {worst:P2} of the bound");
        Assert.True(failures.Count == 0, $"{c}: " + string.Join("; ", failures));
    }
}
