using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ConvGen.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.IntegrationTests;

/// <summary>
/// An outside check of the generated layers against PyTorch, through the committed fixtures in
/// <c>Fixtures/*.json</c> (written by <c>tests/fixtures/make_fixtures.py</c>, which also writes the
/// annotated layers in <c>Layers/FixtureLayers.cs</c>). PyTorch is not needed to run these tests.
/// </summary>
/// <remarks>
/// For every case: the generated constants equal the fixture's shapes; <c>Forward</c> (batch of 2,
/// bias and ReLU included) gives y; <c>Transpose</c> of the output gradient gy gives gx;
/// <c>WeightsGradient</c> of x and gy gives gw; <c>BiasGradient</c> of gy gives gb. Every element
/// must agree within SPEC's tolerance, <c>1e-12·S + 1e-12</c> for double and <c>1e-4·S + 1e-6</c> for
/// float, with S (the sum of the absolute values of the element's terms) stored in the fixture.
/// Destinations are filled with NaN first, so a member that accumulates instead of overwriting, or
/// leaves an element unwritten, fails.
/// </remarks>
public sealed class PyTorchFixtureTests
{
    private readonly ITestOutputHelper output;

    public PyTorchFixtureTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in FixtureLayers.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_fixture_file_has_a_layer_and_every_layer_a_file()
    {
        string[] files = Directory.GetFiles(Fixture.Directory, "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        string[] names = FixtureLayers.Names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(names, files);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_constants_equal_the_fixture_shapes(string name)
    {
        Fixture fx = Fixture.Load(name);
        FixtureLayer layer = FixtureLayers.Get(name);

        Assert.Equal(fx.InputChannels, layer.InputChannels);
        Assert.Equal(fx.InputHeight, layer.InputHeight);
        Assert.Equal(fx.InputWidth, layer.InputWidth);
        Assert.Equal(fx.OutputChannels, layer.OutputChannels);
        Assert.Equal(fx.OutputHeight, layer.OutputHeight);
        Assert.Equal(fx.OutputWidth, layer.OutputWidth);
        Assert.Equal(fx.KernelHeight, layer.KernelHeight);
        Assert.Equal(fx.KernelWidth, layer.KernelWidth);
        Assert.Equal(fx.InputLength, layer.InputLength);
        Assert.Equal(fx.OutputLength, layer.OutputLength);
        Assert.Equal(fx.WeightsLength, layer.WeightsLength);
        Assert.Equal(fx.BiasLength, layer.BiasLength);
        Assert.Equal(fx.IsFloat, layer.IsFloat);
        Assert.Equal(fx.BiasLength > 0, layer.BiasGradient is not null);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_layer_matches_PyTorch(string name)
    {
        Fixture fx = Fixture.Load(name);
        FixtureLayer layer = FixtureLayers.Get(name);
        var report = new Report(name, fx.IsFloat);

        double[] y = Report.Garbage(fx.N * fx.OutputLength);
        layer.Forward(fx.X, fx.W, fx.B, y);
        report.Compare("Forward", fx.Y, fx.SY, y);

        double[] gx = Report.Garbage(fx.N * fx.InputLength);
        layer.Transpose(fx.GY, fx.W, gx);
        report.Compare("Transpose", fx.GX, fx.SGX, gx);

        double[] gw = Report.Garbage(fx.WeightsLength);
        layer.WeightsGradient(fx.X, fx.GY, gw);
        report.Compare("WeightsGradient", fx.GW, fx.SGW, gw);

        if (layer.BiasGradient is not null)
        {
            double[] gb = Report.Garbage(fx.BiasLength);
            layer.BiasGradient(fx.GY, gb);
            report.Compare("BiasGradient", fx.GB, fx.SGB, gb);
        }

        // One sample on its own gives the first sample of the batch.
        double[] y1 = Report.Garbage(fx.OutputLength);
        layer.Forward(fx.X[..fx.InputLength], fx.W, fx.B, y1);
        report.Compare("Forward (N = 1)", fx.Y[..fx.OutputLength], fx.SY[..fx.OutputLength], y1);

        double[] gx1 = Report.Garbage(fx.InputLength);
        layer.Transpose(fx.GY[..fx.OutputLength], fx.W, gx1);
        report.Compare("Transpose (N = 1)", fx.GX[..fx.InputLength], fx.SGX[..fx.InputLength], gx1);

        this.output.WriteLine(report.Summary());
        if (report.MismatchCount > 0)
        {
            Assert.Fail(report.FailureText());
        }
    }

    /// <summary>Element-wise comparison within SPEC's tolerance, keeping the worst error relative to it.</summary>
    private sealed class Report
    {
        private const int MaxListed = 12;
        private readonly string name;
        private readonly bool isFloat;
        private readonly List<(string Member, double Ratio, int Index)> worstPerMember = new();

        public Report(string name, bool isFloat)
        {
            this.name = name;
            this.isFloat = isFloat;
        }

        /// <summary>The first mismatches, for the message.</summary>
        public List<string> Failures { get; } = new();

        public int MismatchCount { get; private set; }

        public static double[] Garbage(int length)
        {
            var a = new double[length];
            Array.Fill(a, double.NaN);
            return a;
        }

        public void Compare(string member, double[] expected, double[] sums, double[] actual)
        {
            Assert.Equal(expected.Length, sums.Length);
            Assert.Equal(expected.Length, actual.Length);
            double worst = 0;
            int worstIndex = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = this.isFloat ? (1e-4 * sums[i]) + 1e-6 : (1e-12 * sums[i]) + 1e-12;
                double error = Math.Abs(actual[i] - expected[i]);
                double ratio = double.IsFinite(error) ? error / tolerance : double.PositiveInfinity;
                if (ratio > worst)
                {
                    worst = ratio;
                    worstIndex = i;
                }

                if (!(ratio <= 1.0))
                {
                    this.MismatchCount++;
                    if (this.Failures.Count < MaxListed)
                    {
                        this.Failures.Add(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{member}[{i}]: expected {expected[i]:R}, actual {actual[i]:R}, |error| {error:G3} > tolerance {tolerance:G3}"));
                    }
                }
            }

            this.worstPerMember.Add((member, worst, worstIndex));
        }

        public string Summary()
        {
            var text = new StringBuilder();
            (string member, double ratio, int index) = this.worstPerMember.OrderByDescending(w => w.Ratio).First();
            text.Append(CultureInfo.InvariantCulture,
                $"{this.name} ({(this.isFloat ? "float" : "double")}): worst error / tolerance = {ratio:G3} in {member}[{index}]");
            foreach ((string m, double r, int i) in this.worstPerMember)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {m} {r:G3} at [{i}]");
            }

            return text.ToString();
        }

        public string FailureText() =>
            $"{this.name}: {this.MismatchCount} element(s) differ from PyTorch beyond SPEC's tolerance; the first:{Environment.NewLine}" +
            string.Join(Environment.NewLine, this.Failures);
    }
}

/// <summary>One case written by make_fixtures.py.</summary>
internal sealed class Fixture
{
    private Fixture(JsonElement root)
    {
        this.Name = root.GetProperty("name").GetString()!;
        this.IsFloat = root.GetProperty("elementType").GetString() == "float";
        this.N = root.GetProperty("n").GetInt32();
        this.InputChannels = root.GetProperty("inputChannels").GetInt32();
        this.InputHeight = root.GetProperty("inputHeight").GetInt32();
        this.InputWidth = root.GetProperty("inputWidth").GetInt32();
        this.OutputChannels = root.GetProperty("outputChannels").GetInt32();
        this.OutputHeight = root.GetProperty("outputHeight").GetInt32();
        this.OutputWidth = root.GetProperty("outputWidth").GetInt32();
        this.KernelHeight = root.GetProperty("kernelHeight").GetInt32();
        this.KernelWidth = root.GetProperty("kernelWidth").GetInt32();
        this.InputLength = root.GetProperty("inputLength").GetInt32();
        this.OutputLength = root.GetProperty("outputLength").GetInt32();
        this.WeightsLength = root.GetProperty("weightsLength").GetInt32();
        this.BiasLength = root.GetProperty("biasLength").GetInt32();

        this.X = Array(root, "x", this.N * this.InputLength);
        this.W = Array(root, "w", this.WeightsLength);
        this.Y = Array(root, "y", this.N * this.OutputLength);
        this.GY = Array(root, "gy", this.N * this.OutputLength);
        this.GX = Array(root, "gx", this.N * this.InputLength);
        this.GW = Array(root, "gw", this.WeightsLength);
        this.SY = Array(root, "s_y", this.N * this.OutputLength);
        this.SGX = Array(root, "s_gx", this.N * this.InputLength);
        this.SGW = Array(root, "s_gw", this.WeightsLength);
        this.B = Array(root, "b", this.BiasLength);
        this.GB = Array(root, "gb", this.BiasLength);
        this.SGB = Array(root, "s_gb", this.BiasLength);
    }

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public string Name { get; }
    public bool IsFloat { get; }
    public int N { get; }
    public int InputChannels { get; }
    public int InputHeight { get; }
    public int InputWidth { get; }
    public int OutputChannels { get; }
    public int OutputHeight { get; }
    public int OutputWidth { get; }
    public int KernelHeight { get; }
    public int KernelWidth { get; }
    public int InputLength { get; }
    public int OutputLength { get; }
    public int WeightsLength { get; }
    public int BiasLength { get; }

    public double[] X { get; }
    public double[] W { get; }

    /// <summary>The bias, empty when the layer has none.</summary>
    public double[] B { get; }

    public double[] Y { get; }
    public double[] GY { get; }
    public double[] GX { get; }
    public double[] GW { get; }

    /// <summary>The bias gradient, empty when the layer has no bias.</summary>
    public double[] GB { get; }

    public double[] SY { get; }
    public double[] SGX { get; }
    public double[] SGW { get; }
    public double[] SGB { get; }

    public static Fixture Load(string name)
    {
        string path = Path.Combine(Directory, name + ".json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        var fixture = new Fixture(document.RootElement);
        Assert.Equal(name, fixture.Name);
        return fixture;
    }

    private static double[] Array(JsonElement root, string key, int expectedLength)
    {
        JsonElement element = root.GetProperty(key);
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (expectedLength != 0)
            {
                Assert.Fail($"fixture array '{key}' is null but should hold {expectedLength} values");
            }

            return System.Array.Empty<double>();
        }

        double[] values = element.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (values.Length != expectedLength)
        {
            Assert.Fail($"fixture array '{key}' holds {values.Length} values, expected {expectedLength}");
        }

        return values;
    }
}

/// <summary>
/// A fixture layer seen through double arrays: <see cref="FixtureLayers"/> builds one per case, calling
/// the generated members with SPEC's parameter names (a float layer goes through <see cref="FloatAdapter"/>).
/// </summary>
internal sealed record FixtureLayer(
    int InputChannels,
    int InputHeight,
    int InputWidth,
    int OutputChannels,
    int OutputHeight,
    int OutputWidth,
    int KernelHeight,
    int KernelWidth,
    int InputLength,
    int OutputLength,
    int WeightsLength,
    int BiasLength,
    bool IsFloat,
    Action<double[], double[], double[], double[]> Forward,          // (input, weights, bias or empty, output)
    Action<double[], double[], double[]> Transpose,                  // (output, weights, input)
    Action<double[], double[], double[]> WeightsGradient,            // (input, outputGradient, weightsGradient)
    Action<double[], double[]>? BiasGradient);                        // (outputGradient, biasGradient)

/// <summary>Runs a float layer on double data: the fixture's inputs are float-exact, results widen exactly.</summary>
internal static class FloatAdapter
{
    public static Action<double[], double[], double[], double[]> Forward(Action<float[], float[], float[], float[]> forward) =>
        (x, w, b, y) =>
        {
            float[] result = Garbage(y.Length);
            forward(ToFloat(x), ToFloat(w), ToFloat(b), result);
            Widen(result, y);
        };

    public static Action<double[], double[], double[]> Transpose(Action<float[], float[], float[]> transpose) =>
        (gy, w, gx) =>
        {
            float[] result = Garbage(gx.Length);
            transpose(ToFloat(gy), ToFloat(w), result);
            Widen(result, gx);
        };

    public static Action<double[], double[], double[]> WeightsGradient(Action<float[], float[], float[]> weightsGradient) =>
        (x, gy, gw) =>
        {
            float[] result = Garbage(gw.Length);
            weightsGradient(ToFloat(x), ToFloat(gy), result);
            Widen(result, gw);
        };

    public static Action<double[], double[]> BiasGradient(Action<float[], float[]> biasGradient) =>
        (gy, gb) =>
        {
            float[] result = Garbage(gb.Length);
            biasGradient(ToFloat(gy), result);
            Widen(result, gb);
        };

    private static float[] ToFloat(double[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = (float)values[i];
            if (result[i] != values[i])
            {
                Assert.Fail("a float fixture holds a value that is not float-exact");
            }
        }

        return result;
    }

    private static float[] Garbage(int length)
    {
        var a = new float[length];
        Array.Fill(a, float.NaN);
        return a;
    }

    private static void Widen(float[] source, double[] destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }
}
